import type { Document } from "../documents/document";
import { findWorker } from "./catalogue";
import type { TaskOutcome } from "./dag-runner";
import { ForemanError, toErrorInfo, usageOfError } from "./errors";
import type { EventSink } from "./events";
import { grownMaxTokens, refusedError, retryWithRoomError, truncatedError } from "./finish";
import { verifyFinding } from "./locate-quotes";
import { isCutShort, type DependencyResult, type ModelPort } from "./model-port";
import type { PlanTask } from "./plan";
import { abortError, withRetries, type RetryPolicy, type Sleep } from "./retry";
import { workInputs } from "./step-inputs";
import { ZERO_USAGE, type Usage } from "./usage";
import type { WorkerOutput } from "./worker-output";

export type TaskRunContext = {
  port: ModelPort;
  document: Document;
  request: string;
  sink: EventSink;
  signal: AbortSignal;
  retry: RetryPolicy;
  taskTimeoutMs: number;
  sleep: Sleep;
  random: () => number;
  now: () => Date;
  plan: readonly PlanTask[];
  /** Whether other calls of the run share the document prefix (the port then caches it). */
  sharedPrefix?: boolean;
  /** Told when a task's answer begins streaming (the cache-aware start waits for the first one). */
  onCallStarted?: () => void;
};

/**
 * Runs one task to a final outcome: attempts with a per-attempt timeout, retries for retryable
 * failures, quotes verified against the document. A failure stays inside the task (`task-error`);
 * only cancellation and sink failures escape.
 */
export async function runTask(
  ctx: TaskRunContext,
  task: PlanTask,
  dependencies: ReadonlyMap<string, TaskOutcome>,
  firstAttempt = 1,
): Promise<TaskOutcome> {
  const worker = findWorker(task.worker);
  if (!worker) throw new ForemanError("internal", `task "${task.id}" has unknown worker "${task.worker}" after validation`);
  const depResults = describeDependencies(task, dependencies, ctx.plan);
  let attempt = firstAttempt;
  /** Set after a `max_tokens` cut: the one retry gets twice the room. */
  let maxTokens: number | undefined;
  const what = `task ${task.id}`;

  try {
    return await withRetries({
      policy: ctx.retry,
      signal: ctx.signal,
      sleep: ctx.sleep,
      random: ctx.random,
      firstAttempt,
      attempt: async (n) => {
        attempt = n;
        const startedAt = ctx.now();
        const inputs = workInputs(ctx.port, { task, worker, request: ctx.request, dependencies: depResults });
        await ctx.sink({ type: "task-start", taskId: task.id, attempt: n, inputs });
        const raw = await withTimeout(ctx, task.id, (signal, deadline) =>
          ctx.port.work({
            task,
            worker,
            document: ctx.document,
            request: ctx.request,
            dependencies: depResults,
            plan: ctx.plan,
            attempt: n,
            ...(maxTokens !== undefined ? { maxTokens } : {}),
            ...(ctx.sharedPrefix !== undefined ? { sharedPrefix: ctx.sharedPrefix } : {}),
            ...(ctx.onCallStarted ? { onStarted: ctx.onCallStarted } : {}),
            signal,
            onDelta: (text) => void ctx.sink({ type: "task-delta", taskId: task.id, attempt: n, text }),
            onWait: (wait) => {
              // Waiting for the API is not the task being slow: the timeout stops meanwhile.
              if (wait) deadline.pause();
              else deadline.resume();
              void ctx.sink({ type: "model-wait", taskId: task.id, wait });
            },
          }),
        );
        if (isCutShort(raw)) {
          if (raw.finishReason === "refusal") throw refusedError(what, raw);
          const more = maxTokens === undefined ? grownMaxTokens(raw) : undefined;
          if (more === undefined) throw truncatedError(what, raw);
          maxTokens = more;
          throw retryWithRoomError(what, raw, more);
        }
        const endedAt = ctx.now();
        const output: WorkerOutput = {
          status: raw.status,
          result: raw.result,
          findings: raw.findings.map((f) => verifyFinding(f, ctx.document, task.id)),
          errors: raw.errors,
          ...(raw.followUp?.trim() ? { followUp: raw.followUp.trim() } : {}),
          usage: raw.usage,
          timing: { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), durationMs: endedAt.getTime() - startedAt.getTime() },
        };
        await ctx.sink({ type: "task-end", taskId: task.id, attempt: n, output });
        return toOutcome(output);
      },
      onRetry: async (n, error, delayMs) => {
        await ctx.sink({ type: "task-retry", taskId: task.id, attempt: n, error: toErrorInfo(error), delayMs, ...paidFor(error) });
      },
    });
  } catch (error) {
    if (ctx.signal.aborted) {
      await ctx.sink({ type: "task-error", taskId: task.id, attempt, error: toErrorInfo(abortError(ctx.signal)), usage: ZERO_USAGE });
      return { status: "failed", reason: "canceled while running" };
    }
    const info = toErrorInfo(error);
    // A call that got an answer (cut, refused, malformed) was paid: its error carries the usage.
    await ctx.sink({ type: "task-error", taskId: task.id, attempt, error: info, usage: usageOfError(error) ?? ZERO_USAGE });
    return { status: "failed", reason: `${info.message} (${info.code})` };
  }
}

/** The `usage` field of a task-retry event: what the failed attempt was billed, when known. */
function paidFor(error: unknown): { usage?: Usage } {
  const usage = usageOfError(error);
  return usage ? { usage } : {};
}

function toOutcome(output: WorkerOutput): TaskOutcome {
  if (output.status === "success") return { status: "succeeded", output };
  if (output.status === "partial") return { status: "partial", output };
  return { status: "failed", output, reason: output.errors.join("; ") || "the worker reported failure" };
}

/** Every dependency, including the ones that failed, so the worker knows exactly what is missing. */
export function describeDependencies(
  task: PlanTask,
  outcomes: ReadonlyMap<string, TaskOutcome>,
  plan: readonly PlanTask[],
): DependencyResult[] {
  return task.dependsOn.map((id) => {
    const dep = plan.find((t) => t.id === id);
    const meta = { taskId: id, worker: dep?.worker ?? "unknown", description: dep?.description ?? "" };
    const outcome = outcomes.get(id);
    if (!outcome) return { ...meta, status: "skipped", reason: "did not run" };
    if (outcome.status === "failed" || outcome.status === "skipped") return { ...meta, status: outcome.status, reason: outcome.reason };
    return { ...meta, status: outcome.status, output: outcome.output };
  });
}

/** A task attempt's deadline that can stop while the call waits for the API (rate limit, call cap). */
export type PausableDeadline = { pause(): void; resume(): void };

/** Races the call against the attempt's own deadline and the run's signal, so a stuck call cannot hang the run. */
async function withTimeout<T>(
  ctx: TaskRunContext,
  taskId: string,
  call: (signal: AbortSignal, deadline: PausableDeadline) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timeoutError = new ForemanError("task_timeout", `task "${taskId}" took longer than ${ctx.taskTimeoutMs} ms`);
  const onRunAbort = () => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) throw abortError(ctx.signal);
  ctx.signal.addEventListener("abort", onRunAbort, { once: true });
  let remainingMs = ctx.taskTimeoutMs;
  let armedAt = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => controller.abort(timeoutError), remainingMs);
  const deadline: PausableDeadline = {
    pause: () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      remainingMs = Math.max(0, remainingMs - (Date.now() - armedAt));
    },
    resume: () => {
      if (timer !== undefined || controller.signal.aborted) return;
      armedAt = Date.now();
      timer = setTimeout(() => controller.abort(timeoutError), remainingMs);
    },
  };
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason === timeoutError ? timeoutError : abortError(ctx.signal)), { once: true });
  });
  aborted.catch(() => undefined); // it only matters while racing; never an unhandled rejection
  try {
    return await Promise.race([call(controller.signal, deadline), aborted]);
  } catch (error) {
    if (controller.signal.reason === timeoutError) throw timeoutError;
    throw error;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener("abort", onRunAbort);
  }
}
