import { FINAL_RUN_STATUSES, type RunState } from "@/lib/engine/run-state";
import { totalTokens } from "@/lib/engine/usage";
import { describeCounts, elapsedBetween, isMetered, taskCounts } from "@/lib/graph";
import { formatCost, formatDuration, formatTokens } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { RUN_STATUS_META } from "@/components/ui/status-meta";
import { ProgressMetric as Metric } from "./progress-metric";

type Props = { state: RunState; now: number };

/**
 * The run's status, tasks by outcome (failed, canceled and skipped apart from done), elapsed
 * time, and tokens and estimated cost where the backend meters them. The bar is stacked by outcome.
 */
export function RunProgress({ state, now }: Props) {
  const counts = taskCounts(state);
  const finished = counts.done + counts.failed + counts.canceled + counts.skipped;
  const percent = counts.total === 0 ? (state.report ? 100 : 0) : Math.round((finished / counts.total) * 100);
  const share = (n: number) => (counts.total === 0 ? 0 : (n / counts.total) * 100);
  // A direct answer has no tasks: the bar fills once its report exists.
  const doneShare = counts.total === 0 ? (state.report ? 100 : 0) : share(counts.done);
  const elapsed = elapsedBetween({ start: state.startedAt, ...(state.endedAt ? { end: state.endedAt } : {}), now });
  const meta = RUN_STATUS_META[state.status];
  const tasksText = state.plan ? (counts.total === 0 ? "direct answer" : describeCounts(counts)) : FINAL_RUN_STATUSES.has(state.status) ? "—" : "planning…";

  return (
    <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <StatusBadge meta={meta} size="md" />
        <span data-testid="task-counts">
          <Metric label="Tasks" value={tasksText} />
        </span>
        <Metric label="Elapsed" value={formatDuration(elapsed)} />
        {isMetered(state) && (
          <>
            <Metric label="Tokens" value={formatTokens(totalTokens(state.usage))} />
            <Metric label="Est. cost" value={formatCost(state.usage.costUsd)} />
            {state.unpricedModels.length > 0 && (
              <span data-testid="unpriced-models" className="text-xs text-amber-800 dark:text-amber-300">
                cost estimated (unknown model{state.unpricedModels.length > 1 ? "s" : ""} {state.unpricedModels.join(", ")}: costed at the highest known rates)
              </span>
            )}
          </>
        )}
      </div>
      <div
        role="progressbar"
        aria-label="Tasks finished"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={state.plan ? `${finished} of ${counts.total} tasks finished` : "Planning"}
        className="mt-3 flex h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-status-succeeded transition-[width] duration-500 dark:bg-status-succeeded-dark" style={{ width: `${doneShare}%` }} />
        <div className="h-full bg-status-failed transition-[width] duration-500 dark:bg-status-failed-dark" style={{ width: `${share(counts.failed)}%` }} />
        <div className="h-full bg-status-canceled transition-[width] duration-500" style={{ width: `${share(counts.canceled + counts.skipped)}%` }} />
      </div>
    </div>
  );
}
