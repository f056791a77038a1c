import type { AttemptState } from "@/lib/engine/run-state";
import { totalTokens } from "@/lib/engine/usage";
import { elapsedBetween } from "@/lib/graph";
import { formatCost, formatDuration, formatTokens } from "@/components/ui/format";
import { StepInputsView } from "./step-inputs-view";

const OUTCOME_LABEL: Record<NonNullable<AttemptState["outcome"]>, string> = {
  succeeded: "succeeded",
  partial: "partial",
  failed: "failed",
  retried: "failed, retried",
};

type Props = { attempts: readonly AttemptState[]; now: number; /** Show tokens and cost (not for offline runs). */ metered: boolean };

/**
 * Every attempt with its duration, outcome, error, usage and cost, and what it was given:
 * why a task needed a retry, and what the worker saw, are both visible.
 */
export function AttemptsList({ attempts, now, metered }: Props) {
  if (attempts.length === 0) return <p className="text-xs text-slate-500 dark:text-slate-400">Not started.</p>;
  return (
    <ol className="flex flex-col gap-1.5 text-xs">
      {attempts.map((a) => (
        <li key={a.attempt} className="rounded border border-slate-200 px-2 py-1 dark:border-slate-700" data-testid="attempt">
          <span className="font-medium">Attempt {a.attempt}</span>
          <span className="text-slate-600 dark:text-slate-300">
            {" "}
            · {formatDuration(elapsedBetween({ start: a.startedAt, ...(a.endedAt ? { end: a.endedAt } : {}), now }))} ·{" "}
            {a.outcome ? OUTCOME_LABEL[a.outcome] : "in progress"}
            {metered && a.usage && ` · ${formatTokens(totalTokens(a.usage))} · ${formatCost(a.usage.costUsd)}`}
          </span>
          {a.error && (
            <span className="mt-0.5 block text-status-failed dark:text-status-failed-dark">
              {a.error.message} <code className="text-[11px] opacity-80">({a.error.code})</code>
            </span>
          )}
          <details className="mt-1">
            <summary className="cursor-pointer text-slate-700 dark:text-slate-200">What it was given</summary>
            <div className="mt-1">
              <StepInputsView inputs={a.inputs} label="attempt" />
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
