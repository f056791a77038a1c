import type { Document } from "../documents/document";
import { buildReport, summarizeTasks } from "./build-report";
import { boundDeltas } from "./bounded-events";
import { guardBudget } from "./budget";
import type { TaskOutcome } from "./dag-runner";
import type { RunContext, EngineOptions } from "./engine-context";
import { ForemanError, toErrorInfo, usageOfError } from "./errors";
import type { RunLimits } from "./events";
import type { Plan } from "./plan";
import { planPhase } from "./plan-phase";
import { reduceRun } from "./reduce-run";
import { abortError, DEFAULT_RETRY, sleep as realSleep } from "./retry";
import type { RunState } from "./run-state";
import { finishDirect, synthesisPhase } from "./synthesis-phase";
import { taskPhase } from "./task-phase";
import { usageSince, ZERO_USAGE } from "./usage";

export type { EngineOptions } from "./engine-context";

/*
 * A run in phases, each in its own file: plan-phase.ts (check the document fits, plan, one
 * repair round), task-phase.ts (the DAG of tasks, extensions joining it), synthesis-phase.ts (the
 * report, or a direct answer). This file strings them together and ends the run.
 */

export const DEFAULT_LIMITS: RunLimits = { maxTasks: 8, concurrency: 4, taskTimeoutMs: 120_000, maxAttempts: 3 };

/** Runs a new run from its first event to its last. */
export async function executeRun(input: { document: Document; request: string; review?: boolean }, options: EngineOptions): Promise<void> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const { document, request } = input;
  const start = await options.sink({
    type: "run-start",
    request,
    document: {
      title: document.title,
      fileName: document.fileName,
      mediaType: document.mediaType,
      format: document.format,
      byteSize: document.byteSize,
      sha256: document.sha256,
      chars: document.text.length,
    },
    backend: options.port.backend,
    models: options.port.models,
    ...(options.port.unpricedModels?.length ? { unpricedModels: [...options.port.unpricedModels] } : {}),
    limits,
    ...(input.review ? { review: true } : {}),
  });
  await continueRun(reduceRun([start]), input, { ...options, limits });
}

/**
 * Carries a run on from whatever its event log says happened: plans if there is no plan,
 * reuses every task that ended, re-sends tasks that were in flight (next attempt number),
 * synthesises, ends. Used for new runs and for resuming after a crash. With review on it stops
 * after planning (and after extensions) in `awaiting-approval`; a person's approval
 * (`plan-approve`) lets a later call carry on with exactly the plan they approved.
 */
export async function continueRun(state: RunState, input: { document: Document; request: string }, options: EngineOptions): Promise<void> {
  if (state.status === "awaiting-approval") return; // holds nothing until a person decides
  const limits = options.limits ?? state.limits ?? DEFAULT_LIMITS;
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) forwardAbort();
  else options.signal.addEventListener("abort", forwardAbort, { once: true });
  const now = options.now ?? (() => new Date());
  const budget = guardBudget({
    limits,
    sink: boundDeltas(options.sink),
    controller,
    spent: state.round ? usageSince(state.usage, state.round.usageAtStart) : ZERO_USAGE,
    startedAt: state.round ? new Date(state.round.startedAt) : now(),
    now,
  });
  const ctx: RunContext = {
    port: options.port,
    sink: budget.sink,
    signal: controller.signal,
    limits,
    retry: { ...DEFAULT_RETRY, ...options.retry, maxAttempts: limits.maxAttempts },
    now,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    document: input.document,
    request: input.request,
  };
  let outcomes = new Map<string, TaskOutcome>();
  let plan = state.plan;
  try {
    if (!plan) {
      plan = await planPhase(ctx, state.revision);
      // plan-end put the run in awaiting-approval (reduce-run.ts): nothing runs until approval.
      if (state.review && plan.mode === "orchestrate") return;
    }
    if (plan.mode === "direct") return await finishDirect(ctx, plan);
    const phase = await taskPhase(ctx, plan, state, budget.spent);
    ({ outcomes, plan } = phase);
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    if (phase.paused) return;
    const complete = await synthesisPhase(ctx, plan, outcomes, phase.extensions);
    // An unfinished report (cut at its token limit, refused, failed) makes the run partial.
    const allSucceeded = complete && plan.tasks.every((t) => outcomes.get(t.id)?.status === "succeeded");
    await ctx.sink({ type: "run-end", status: allSucceeded ? "succeeded" : "partial" });
  } catch (error) {
    await endAfterFailure(ctx, error, outcomes, plan);
  } finally {
    budget.dispose();
    options.signal.removeEventListener("abort", forwardAbort);
  }
}

/**
 * A canceled run ends with `run-cancel`. A run stopped by a budget keeps what it has: a report
 * built from the finished tasks without another model call, then `run-error` with the reason.
 */
async function endAfterFailure(ctx: RunContext, error: unknown, outcomes: ReadonlyMap<string, TaskOutcome>, plan: Plan | undefined): Promise<void> {
  const reason = ctx.signal.aborted ? abortError(ctx.signal) : error;
  if (reason instanceof ForemanError && reason.code === "budget_exceeded") {
    if (plan) {
      const tasks = summarizeTasks(plan, outcomes);
      const narrative = `**The run stopped early.** ${reason.message} The findings below come from the tasks that finished.`;
      await ctx.sink({ type: "synthesis-start" });
      await ctx.sink({ type: "synthesis-end", report: buildReport({ document: ctx.document, tasks, narrative, citations: [], direct: false }), usage: ZERO_USAGE });
    }
    await ctx.sink({ type: "run-error", error: toErrorInfo(reason) });
    return;
  }
  if (ctx.signal.aborted) {
    await ctx.sink({ type: "run-cancel", reason: abortError(ctx.signal).message });
    return;
  }
  // A failed plan's calls were paid, and no plan-end counted them: the error carries their usage.
  const usage = usageOfError(error);
  await ctx.sink({ type: "run-error", error: toErrorInfo(error), ...(usage ? { usage } : {}) });
}

