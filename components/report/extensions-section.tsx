import type { Report } from "@/lib/engine/report";

/** Tasks the orchestrator added during the run because a worker asked for follow-up, and why. */
export function ExtensionsSection({ extensions }: { extensions: Report["extensions"] }) {
  if (!extensions || extensions.length === 0) return null;
  return (
    <section aria-label="Tasks added during the run" className="rounded-lg border border-indigo-200 bg-indigo-50 p-3 dark:border-indigo-800 dark:bg-indigo-950/40">
      <h3 className="text-sm font-semibold text-indigo-950 dark:text-indigo-100">Tasks added during the run ({extensions.reduce((n, e) => n + e.taskIds.length, 0)})</h3>
      <ul className="mt-2 flex flex-col gap-1.5 text-sm">
        {extensions.map((e) => (
          <li key={e.taskIds.join(",")}>
            <span className="font-medium">{e.taskIds.join(", ")}</span>
            <span className="text-slate-700 dark:text-slate-300"> — {e.reason}</span>
            <span className="block text-xs text-indigo-900 dark:text-indigo-200">
              {e.requestedBy} asked: “{e.request}”
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
