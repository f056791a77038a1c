import type { Report } from "@/lib/engine/report";

/** Says plainly what the report could not cover because a task failed or was skipped. */
export function GapsSection({ gaps }: { gaps: Report["gaps"] }) {
  if (gaps.length === 0) return null;
  return (
    <section aria-label="Missing from the report" className="rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/40">
      <h3 className="text-sm font-semibold text-amber-900 dark:text-amber-100">
        Missing ({gaps.length})
      </h3>
      <p className="mt-0.5 text-xs text-amber-800 dark:text-amber-200">These parts of the analysis did not complete, so the report does not cover them.</p>
      <ul className="mt-2 flex flex-col gap-1.5 text-sm">
        {gaps.map((gap) => (
          <li key={gap.taskId}>
            <span className="font-medium">{gap.taskId}</span>
            <span className="text-slate-700 dark:text-slate-300"> — {gap.description}</span>
            <span className="block text-xs text-amber-800 dark:text-amber-300">Reason: {gap.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
