import { z } from "zod";
import { planSchema, planTaskSchema } from "./plan";
import { reportSchema } from "./report";
import { stepInputsSchema } from "./step-inputs";
import { usageSchema } from "./usage";
import { workerOutputSchema } from "./worker-output";

export const eventErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.string()).optional(),
});

/** An `ErrorInfo` as stored: the code is kept as a string so old logs stay readable if codes change. */
export type EventError = z.infer<typeof eventErrorSchema>;

const base = { runId: z.string(), seq: z.number().int().positive(), at: z.string() };
const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ ...base, type: z.literal(type), ...shape });

export const runLimitsSchema = z.object({
  maxTasks: z.number().int().positive(),
  concurrency: z.number().int().positive(),
  taskTimeoutMs: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
  /** Budgets: the run stops cleanly when one is reached. Absent means no cap. */
  maxTokens: z.number().int().positive().optional(),
  maxCostUsd: z.number().positive().optional(),
  maxWallMs: z.number().int().positive().optional(),
  /** How many times workers' follow-up requests may extend the plan (absent: DEFAULT_MAX_EXTENSIONS). */
  maxExtensions: z.number().int().nonnegative().optional(),
});
export type RunLimits = z.infer<typeof runLimitsSchema>;

/**
 * Why a model call is not running yet: `rate_limit` (a 429, the API's rate-limit reset),
 * `overloaded` (a 529), `call_limit` (the process-wide cap on concurrent model calls is full),
 * `cache_warmup` (a parallel worker waits for the first one to write the shared prompt cache).
 * `until`: when the call will be sent (ISO time); absent when it waits for a free slot.
 */
export const modelWaitSchema = z.object({
  reason: z.enum(["rate_limit", "overloaded", "call_limit", "cache_warmup"]),
  until: z.string().optional(),
});
export type ModelWait = z.infer<typeof modelWaitSchema>;

/** DESIGN.md §3: the one event union. The log of these is the source of truth for a run. */
export const runEventSchema = z.discriminatedUnion("type", [
  ev("run-start", {
    request: z.string(),
    document: z.object({
      title: z.string(),
      fileName: z.string(),
      mediaType: z.string(),
      format: z.string(),
      byteSize: z.number(),
      sha256: z.string(),
      chars: z.number(),
    }),
    backend: z.string(),
    models: z.object({ orchestrator: z.string(), worker: z.string(), synthesis: z.string() }),
    /** Models without a known price: their cost is estimated at the highest known rates. */
    unpricedModels: z.array(z.string()).optional(),
    limits: runLimitsSchema,
    /** A person reviews the plan (and every extension) before it runs. */
    review: z.boolean().optional(),
  }),
  ev("plan-delta", { text: z.string() }),
  ev("plan-end", {
    plan: planSchema,
    usage: usageSchema,
    repaired: z.boolean(),
    /** The orchestrator's thinking summary, when the API returned one (never part of any result). */
    reasoning: z.string().optional(),
  }),
  /** A person replaced the plan awaiting approval (the whole new plan; `by` says who). */
  ev("plan-edit", { plan: planSchema, by: z.string() }),
  /** A person approved the plan awaiting approval: execution of exactly this plan starts. */
  ev("plan-approve", { by: z.string() }),
  /** A person asked the orchestrator for a new plan, with a note on what to change. */
  ev("plan-replan", { note: z.string(), by: z.string() }),
  /** The orchestrator added tasks after a worker asked for follow-up (adaptive re-planning). */
  ev("plan-extend", {
    tasks: z.array(planTaskSchema).min(1),
    reason: z.string(),
    requestedBy: z.string(),
    request: z.string(),
    usage: usageSchema,
    /** With review on the new tasks wait for a person's approval. */
    awaitingApproval: z.boolean(),
  }),
  /** A worker's follow-up request that did not extend the plan, and why. */
  ev("plan-extend-refused", {
    requestedBy: z.string(),
    request: z.string(),
    cause: z.enum(["rounds", "task-cap", "budget", "declined", "invalid", "unsupported"]),
    reason: z.string(),
    usage: usageSchema,
  }),
  /** The run pauses, holding no worker, until a person approves the tasks added to its plan. */
  ev("plan-review", { reason: z.string() }),
  /** `inputs`: what the attempt was given (model, settings, instructions, dependency outputs); absent in older logs. */
  ev("task-start", { taskId: z.string(), attempt: z.number().int().positive(), inputs: stepInputsSchema.optional() }),
  ev("task-delta", { taskId: z.string(), attempt: z.number().int().positive(), text: z.string() }),
  ev("task-retry", {
    taskId: z.string(),
    attempt: z.number().int().positive(),
    error: eventErrorSchema,
    delayMs: z.number().nonnegative(),
    /** What the failed attempt's call cost (a `max_tokens` cut is paid in full); absent when unknown and in older logs. */
    usage: usageSchema.optional(),
  }),
  ev("task-end", { taskId: z.string(), attempt: z.number().int().positive(), output: workerOutputSchema }),
  ev("task-error", {
    taskId: z.string(),
    attempt: z.number().int().positive(),
    error: eventErrorSchema,
    usage: usageSchema,
  }),
  ev("task-skip", { taskId: z.string(), reason: z.string() }),
  /**
   * A model call waits before it is sent (or re-sent). `taskId` names the task whose call waits;
   * absent, it is the plan or synthesis call (the run's phase says which). `wait: null` ends it.
   */
  ev("model-wait", { taskId: z.string().optional(), wait: modelWaitSchema.nullable() }),
  ev("synthesis-start", { inputs: stepInputsSchema.optional() }),
  ev("synthesis-delta", { text: z.string() }),
  ev("synthesis-end", { report: reportSchema, usage: usageSchema }),
  ev("run-end", { status: z.enum(["succeeded", "partial"]) }),
  /** `usage`: what the failing step was billed and no earlier event counted (a plan cut twice); absent in older logs. */
  ev("run-error", { error: eventErrorSchema, usage: usageSchema.optional() }),
  ev("run-cancel", { reason: z.string() }),
  /** The run is carried on after a restart; nothing in its log is redone. */
  ev("run-resume", { reason: z.string() }),
  /**
   * An unfinished run (resumed after a restart, or carried on after approval) waits for a free slot
   * under FOREMAN_MAX_ACTIVE_RUNS: shown as "Queued" (status `pending`) until its next event.
   */
  ev("run-queued", { reason: z.string() }),
  /** A user re-runs tasks of a finished run (one task and its dependents), optionally with a new description. */
  ev("task-reset", {
    taskIds: z.array(z.string()).min(1),
    edited: z.object({ taskId: z.string(), description: z.string().min(1) }).optional(),
    reason: z.string(),
  }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent["type"];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

/** An event before the log stamps it: the sink assigns `runId`, `seq` and `at`. */
export type RunEventDraft = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, "runId" | "seq" | "at"> : never) : never;

/** Where the engine sends events; the sink numbers them (gap-free `seq`) and persists/publishes. */
export type EventSink = (draft: RunEventDraft) => RunEvent | Promise<RunEvent>;

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
