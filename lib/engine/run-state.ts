import type { EventError, ModelWait, RunLimits, RunEventOf } from "./events";
import type { Plan, PlanTask } from "./plan";
import type { Report } from "./report";
import type { StepInputs } from "./step-inputs";
import type { Usage } from "./usage";
import type { WorkerOutput } from "./worker-output";

/** `canceled`: the task was running when the user canceled the run (or a budget stopped it). */
export type TaskStatus = "pending" | "running" | "retrying" | "succeeded" | "partial" | "failed" | "canceled" | "skipped";
/** `awaiting-approval`: the run holds no worker until a person approves, edits, re-plans or discards its plan. */
export type RunStatus = "pending" | "planning" | "awaiting-approval" | "running" | "synthesizing" | "succeeded" | "partial" | "failed" | "canceled";

export const FINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set(["succeeded", "partial", "failed", "canceled", "skipped"]);
export const FINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(["succeeded", "partial", "failed", "canceled"]);

/** For statuses read back as plain strings (database rows). */
export function isFinalRunStatus(status: string): boolean {
  return (FINAL_RUN_STATUSES as ReadonlySet<string>).has(status);
}

export type AttemptState = {
  attempt: number;
  startedAt: string;
  endedAt?: string;
  outcome?: "succeeded" | "partial" | "failed" | "retried";
  error?: EventError;
  /** What this attempt was given (from its task-start event; absent in older logs). */
  inputs?: StepInputs;
  /** Tokens and cost of this attempt, once it ended with usage reported. */
  usage?: Usage;
};

export type TaskState = {
  task: PlanTask;
  status: TaskStatus;
  attempts: AttemptState[];
  /** Text streamed by the current attempt. */
  streamed: string;
  output?: WorkerOutput;
  error?: EventError;
  skipReason?: string;
  startedAt?: string;
  endedAt?: string;
  /** All attempts together, failed ones included. */
  usage: Usage;
  /** Outputs of earlier rounds, kept when the task is re-run (newest last). */
  earlierOutputs: WorkerOutput[];
  /** Set while the task's model call waits (rate limit, overload, call cap, cache warm-up). */
  wait?: ModelWait;
};

/** One worker follow-up request and what became of it (plan-extend / plan-extend-refused). */
export type ExtensionRecord = {
  at: string;
  requestedBy: string;
  request: string;
  outcome: "added" | "refused";
  reason: string;
  taskIds: string[];
  cause?: RunEventOf<"plan-extend-refused">["cause"];
};

export type RunState = {
  runId: string;
  status: RunStatus;
  request: string;
  document?: RunEventOf<"run-start">["document"];
  backend?: string;
  models?: RunEventOf<"run-start">["models"];
  /** Models the run's cost was estimated for (no known price): shown beside the cost. */
  unpricedModels: string[];
  limits?: RunLimits;
  planText: string;
  plan?: Plan;
  /** A person reviews the plan (and extensions) before it runs. */
  review: boolean;
  /** The orchestrator's latest plan as it proposed it, before any edit by a person. */
  proposedPlan?: Plan;
  /** Who replaced the plan, and when (plan-edit events). */
  planEdits: { at: string; by: string }[];
  /** Set while the orchestrator re-plans at a person's request. */
  revision?: { previous: Plan; note: string };
  /** Follow-up requests from workers, in order; `added` ones extended the plan. */
  extensions: ExtensionRecord[];
  /** Tasks added by an extension that wait for a person's approval (review on); they do not run yet. */
  unapproved: string[];
  planRepaired: boolean;
  /** The orchestrator's thinking summary, if the API returned one. */
  planReasoning?: string;
  planEndedAt?: string;
  /** Tokens of the orchestrator's planning calls (repair round included). */
  planUsage: Usage;
  /** Keyed by task id; `taskOrder` keeps the plan's order. */
  tasks: Record<string, TaskState>;
  taskOrder: string[];
  synthesisText: string;
  /** Set while the plan or synthesis call waits before it is sent. */
  callWait?: ModelWait;
  synthesisStartedAt?: string;
  synthesisEndedAt?: string;
  synthesisUsage: Usage;
  /** What the (latest) synthesis was given. */
  synthesisInputs?: StepInputs;
  report?: Report;
  error?: EventError;
  cancelReason?: string;
  startedAt?: string;
  endedAt?: string;
  usage: Usage;
  lastSeq: number;
  /** When the latest event happened: a "now" that server and browser agree on before a clock ticks. */
  lastEventAt?: string;
  /** How often the run was resumed after a restart. */
  resumeCount: number;
  /** Set while the run waits for a slot (`run-queued`; status shows `pending`): the status it goes back to with its next event. */
  queuedFrom?: RunStatus;
  /** The current round (the run itself, or a re-run of tasks): budgets count from its start. */
  round?: { startedAt: string; usageAtStart: Usage };
};
