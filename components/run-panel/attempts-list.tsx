import type { AttemptState } from "@/lib/engine/run-state";
import { elapsedBetween } from "@/lib/graph";
import { formatDuration } from "@/components/ui/format";

const OUTCOME_LABEL: Record<NonNullable<AttemptState["outcome"]>, string> = {
  succeeded: "succeeded",
  partial: "partial",
  failed: "failed",
  retried: "failed, retried",
};

/** Every attempt with its duration, outcome and error: why a task needed a retry is visible. */
export function AttemptsList({ attempts, now }: { attempts: readonly AttemptState[]; now: number }) {
  if (attempts.length === 0) return <p className="text-xs text-slate-500 dark:text-slate-400">Not started.</p>;
  return (
    <ol className="flex flex-col gap-1.5 text-xs">
      {attempts.map((a) => (
        <li key={a.attempt} className="rounded border border-slate-200 px-2 py-1 dark:border-slate-700">
          <span className="font-medium">Attempt {a.attempt}</span>
          <span className="text-slate-600 dark:text-slate-300">
            {" "}
            · {formatDuration(elapsedBetween({ start: a.startedAt, ...(a.endedAt ? { end: a.endedAt } : {}), now }))} ·{" "}
            {a.outcome ? OUTCOME_LABEL[a.outcome] : "in progress"}
          </span>
          {a.error && (
            <span className="mt-0.5 block text-status-failed dark:text-status-failed-dark">
              {a.error.message} <code className="text-[10px] opacity-80">({a.error.code})</code>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
