import { ForemanError } from "./errors";
import { assertNever, type EventSink, type RunEventDraft, type RunLimits } from "./events";
import { addUsage, totalTokens, ZERO_USAGE, type Usage } from "./usage";

/**
 * Watches a run's spending as its events pass and stops the run (through its abort controller)
 * when a budget is reached: tokens, estimated cost, or wall time since the run started.
 */
export function guardBudget(options: {
  limits: RunLimits;
  sink: EventSink;
  controller: AbortController;
  spent: Usage;
  startedAt: Date;
  now: () => Date;
}): { sink: EventSink; dispose: () => void; spent: () => Usage } {
  const { limits, controller } = options;
  let spent = options.spent;
  const stop = (message: string) => {
    if (!controller.signal.aborted) controller.abort(new ForemanError("budget_exceeded", message));
  };
  const check = () => {
    const tokens = totalTokens(spent);
    if (limits.maxTokens !== undefined && tokens >= limits.maxTokens) {
      stop(`Token budget reached: ${tokens.toLocaleString("en")} of ${limits.maxTokens.toLocaleString("en")} tokens used.`);
    } else if (limits.maxCostUsd !== undefined && spent.costUsd >= limits.maxCostUsd) {
      stop(`Cost budget reached: $${spent.costUsd.toFixed(4)} of $${limits.maxCostUsd.toFixed(2)} spent.`);
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (limits.maxWallMs !== undefined) {
    const left = limits.maxWallMs - (options.now().getTime() - options.startedAt.getTime());
    const message = `Time budget reached: the run may take ${formatDuration(limits.maxWallMs)}.`;
    if (left <= 0) stop(message);
    else timer = setTimeout(() => stop(message), left);
  }
  check();
  return {
    sink: (draft) => {
      const result = options.sink(draft);
      spent = addUsage(spent, usageOf(draft));
      check();
      return result;
    },
    dispose: () => clearTimeout(timer),
    spent: () => spent,
  };
}

function usageOf(draft: RunEventDraft): Usage {
  switch (draft.type) {
    case "plan-end":
    case "plan-extend":
    case "plan-extend-refused":
    case "task-error":
    case "synthesis-end":
      return draft.usage;
    case "task-end":
      return draft.output.usage;
    case "task-retry":
    case "run-error":
      return draft.usage ?? ZERO_USAGE;
    case "run-start":
    case "plan-delta":
    case "task-start":
    case "task-delta":
    case "task-skip":
    case "model-wait":
    case "synthesis-start":
    case "synthesis-delta":
    case "run-end":
    case "run-cancel":
    case "run-resume":
    case "run-queued":
    case "task-reset":
    case "plan-edit":
    case "plan-approve":
    case "plan-replan":
    case "plan-review":
      return ZERO_USAGE;
    default:
      return assertNever(draft);
  }
}

const formatDuration = (ms: number) => (ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);
