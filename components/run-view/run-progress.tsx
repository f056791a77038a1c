import { FINAL_RUN_STATUSES, FINAL_TASK_STATUSES, type RunState } from "@/lib/engine/run-state";
import { totalTokens } from "@/lib/engine/usage";
import { elapsedBetween } from "@/lib/graph";
import { formatCost, formatDuration, formatTokens } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { RUN_STATUS_META } from "@/components/ui/status-meta";
import { ProgressMetric as Metric } from "./progress-metric";

type Props = { state: RunState; now: number };

/** Tasks done of total, elapsed time, tokens, estimated cost and the run's status. */
export function RunProgress({ state, now }: Props) {
  const total = state.taskOrder.length;
  const done = state.taskOrder.filter((id) => {
    const task = state.tasks[id];
    return task !== undefined && FINAL_TASK_STATUSES.has(task.status);
  }).length;
  const percent = total === 0 ? (state.report ? 100 : 0) : Math.round((done / total) * 100);
  const elapsed = elapsedBetween({ start: state.startedAt, ...(state.endedAt ? { end: state.endedAt } : {}), now });
  const meta = RUN_STATUS_META[state.status];

  return (
    <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <StatusBadge meta={meta} size="md" />
        <Metric label="Tasks" value={state.plan ? `${done} / ${total}` : FINAL_RUN_STATUSES.has(state.status) ? "—" : "planning…"} />
        <Metric label="Elapsed" value={formatDuration(elapsed)} />
        <Metric label="Tokens" value={formatTokens(totalTokens(state.usage))} />
        <Metric label="Est. cost" value={formatCost(state.usage.costUsd)} />
      </div>
      <div
        role="progressbar"
        aria-label="Tasks finished"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={state.plan ? `${done} of ${total} tasks finished` : "Planning"}
        className="mt-3 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className={`h-full rounded-full transition-[width] duration-500 ${barColour(state)}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function barColour(state: RunState): string {
  switch (state.status) {
    case "failed":
      return "bg-status-failed";
    case "canceled":
      return "bg-status-canceled";
    case "partial":
      return "bg-status-partial";
    case "succeeded":
      return "bg-status-succeeded";
    default:
      return "bg-status-running";
  }
}
