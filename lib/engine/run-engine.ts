import { synthesisInputs } from "./step-inputs";
import type { Document } from "../documents/document";
import { buildReport, summarizeTasks } from "./build-report";
import { CATALOGUE } from "./catalogue";
import { runDag, type TaskOutcome } from "./dag-runner";
import { ForemanError, toErrorInfo, usageOfError } from "./errors";
import type { EventSink, RunLimits } from "./events";
import { grownMaxTokens, refusedError, truncatedError } from "./finish";
import { isCutShort, type ModelPort } from "./model-port";
import type { Plan, PlanTask } from "./plan";
import { abortError, DEFAULT_RETRY, sleep as realSleep, withRetries, type RetryPolicy, type Sleep } from "./retry";
import { reduceRun } from "./reduce-run";
import type { RunState, TaskState } from "./run-state";
import { runTask, type TaskRunContext } from "./task-runner";
import { addUsage, totalTokens, usageSince, ZERO_USAGE, type Usage } from "./usage";
import { validatePlan } from "./validate-plan";
import { guardBudget } from "./budget";
import { createExtender, type ReportExtension } from "./extension";
import { boundDeltas } from "./bounded-events";
import { createWarmupGate } from "./cache-warmup";

export const DEFAULT_LIMITS: RunLimits = { maxTasks: 8, concurrency: 4, taskTimeoutMs: 120_000, maxAttempts: 3 };

export type EngineOptions = {
  port: ModelPort;
  sink: EventSink;
  signal: AbortSignal;
  limits?: RunLimits;
  retry?: Omit<RetryPolicy, "maxAttempts">;
  now?: () => Date;
  sleep?: Sleep;
  random?: () => number;
};

type Ctx = Required<Omit<EngineOptions, "retry">> & { retry: RetryPolicy; document: Document; request: string };

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
  const ctx: Ctx = {
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
async function endAfterFailure(ctx: Ctx, error: unknown, outcomes: ReadonlyMap<string, TaskOutcome>, plan: Plan | undefined): Promise<void> {
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

/** Room kept free in the context for instructions, dependency outputs and the answer. */
const CONTEXT_RESERVE_TOKENS = 24_000;

/** Refuses, before any paid call, a document that cannot fit the model or would blow the token budget alone. */
async function checkInputSize(ctx: Ctx): Promise<void> {
  if (!ctx.port.countInputTokens) return;
  const { tokens, contextWindow } = await ctx.port.countInputTokens({ document: ctx.document, signal: ctx.signal });
  const room = contextWindow - CONTEXT_RESERVE_TOKENS;
  if (tokens > room) {
    throw new ForemanError(
      "document_too_large",
      `The document takes about ${tokens.toLocaleString("en")} tokens; the model reads at most ${room.toLocaleString("en")} besides its instructions. Split the document or analyse a part of it.`,
    );
  }
  if (ctx.limits.maxTokens !== undefined && tokens > ctx.limits.maxTokens) {
    throw new ForemanError("budget_exceeded", `The document alone takes about ${tokens.toLocaleString("en")} tokens, more than the run's budget of ${ctx.limits.maxTokens.toLocaleString("en")}.`);
  }
}

async function planPhase(ctx: Ctx, revision: RunState["revision"]): Promise<Plan> {
  await checkInputSize(ctx);
  let usage: Usage = ZERO_USAGE;
  let reasoning: string | undefined;
  const ask = async (repair?: { previous: unknown; errors: readonly string[] }) => {
    try {
      let maxTokens: number | undefined;
      for (;;) {
        const out = await withRetries({
          ...retryDeps(ctx),
          attempt: () =>
            ctx.port.plan({
              document: ctx.document,
              request: ctx.request,
              catalogue: CATALOGUE,
              maxTasks: ctx.limits.maxTasks,
              signal: ctx.signal,
              onDelta: (text) => void ctx.sink({ type: "plan-delta", text }),
              onWait: (wait) => void ctx.sink({ type: "model-wait", wait }),
              ...(maxTokens !== undefined ? { maxTokens } : {}),
              ...(repair ? { repair } : {}),
              ...(revision ? { revision } : {}),
            }),
        });
        usage = addUsage(usage, out.usage);
        if (isCutShort(out)) {
          if (out.finishReason === "refusal") throw refusedError("plan", out);
          // A plan cut at its limit is retried once with twice the room, then fails plainly.
          const more = maxTokens === undefined ? grownMaxTokens(out) : undefined;
          if (more === undefined) throw truncatedError("plan", out);
          maxTokens = more;
          continue;
        }
        if (out.reasoning) reasoning = out.reasoning;
        return { raw: out.plan, validation: validatePlan(out.plan, { maxTasks: ctx.limits.maxTasks }) };
      }
    } catch (error) {
      // Output that is not even JSON is a plan fault the repair round can fix, not a model outage.
      if (error instanceof ForemanError && error.code === "plan_malformed") {
        usage = addUsage(usage, error.usage ?? ZERO_USAGE); // the malformed answer was paid for
        return { raw: undefined, validation: { ok: false as const, errors: [error.message] } };
      }
      throw error;
    }
  };

  const first = await ask().catch((error: unknown) => {
    throw withUsage(error, usage);
  });
  if (first.validation.ok) {
    await ctx.sink({ type: "plan-end", plan: first.validation.plan, usage, repaired: false, ...(reasoning ? { reasoning } : {}) });
    return first.validation.plan;
  }
  const second = await ask({ previous: first.raw, errors: first.validation.errors }).catch((error: unknown) => {
    throw withUsage(error, usage);
  });
  if (!second.validation.ok) {
    throw new ForemanError("plan_invalid", `The orchestrator produced an invalid plan twice: ${second.validation.errors.join("; ")}`, {
      details: second.validation.errors,
      usage,
    });
  }
  await ctx.sink({ type: "plan-end", plan: second.validation.plan, usage, repaired: true, ...(reasoning ? { reasoning } : {}) });
  return second.validation.plan;
}

/** The plan phase's error with every plan call's usage so far (they were paid; no plan-end counts them). */
function withUsage(error: unknown, usage: Usage): unknown {
  if (!(error instanceof ForemanError) || totalTokens(usage) === 0) return error;
  return new ForemanError(error.code, error.message, { cause: error.cause, details: error.details, retryable: error.retryable, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}), usage });
}

type TaskPhase = { plan: Plan; outcomes: Map<string, TaskOutcome>; paused: boolean; extensions: ReportExtension[] };

/**
 * Runs the plan's tasks. Tasks an extension adds join the running DAG and start as soon as their
 * dependencies have ended; tasks waiting for a person's approval never run here: the run pauses
 * (`plan-review`) once nothing else can run.
 */
async function taskPhase(ctx: Ctx, initial: Plan, state: RunState, spent: () => Usage): Promise<TaskPhase> {
  let outcomes = finishedOutcomes(state);
  const held = new Set(state.unapproved);
  const taskUsage = Object.values(state.tasks).flatMap((t) => (t.output ? [t.output.usage] : []));
  const extender = createExtender({
    plan: initial,
    roundsUsed: state.extensions.filter((e) => e.outcome === "added" || e.cause === "declined" || e.cause === "invalid").length,
    earlier: state.extensions.filter((e) => e.outcome === "added").map(({ taskIds, reason, requestedBy, request }) => ({ taskIds, reason, requestedBy, request })),
    review: state.review,
    limits: ctx.limits,
    port: ctx.port,
    sink: ctx.sink,
    signal: ctx.signal,
    document: ctx.document,
    request: ctx.request,
    spent,
    taskUsage: () => taskUsage,
  });
  const planned = extender.plan();
  const runnable = planned.tasks.filter((t) => !held.has(t.id));
  // Workers cache the document prefix only when several calls send it (see call-work.ts); with a
  // prompt cache the first task of the pass starts alone so only it pays the cache write.
  const sharedPrefix = planned.tasks.length >= 2;
  const toRun = runnable.filter((t) => !outcomes.has(t.id)).length;
  const gate = ctx.port.promptCache && sharedPrefix && toRun >= 2 ? createWarmupGate({ sink: ctx.sink, sleep: ctx.sleep, now: ctx.now, signal: ctx.signal }) : undefined;
  const taskCtx: TaskRunContext = { ...ctx, taskTimeoutMs: ctx.limits.taskTimeoutMs, plan: planned.tasks, sharedPrefix };
  const start = async (task: PlanTask, deps: ReadonlyMap<string, TaskOutcome>): Promise<TaskOutcome> => {
    const attempt = nextAttempt(state.tasks[task.id]);
    // The plan as extended so far: a worker sees the tasks added while this pass runs.
    const live: TaskRunContext = { ...taskCtx, plan: extender.plan().tasks };
    if (!gate || !(await gate.enter(task.id))) return runTask(live, task, deps, attempt);
    try {
      return await runTask({ ...live, onCallStarted: gate.open }, task, deps, attempt);
    } finally {
      gate.open(); // the leader ended without streaming (a failure): nobody waits for it
    }
  };
  const pending = !ctx.signal.aborted && runnable.some((t) => !outcomes.has(t.id));
  if (pending) outcomes = await runDag({
    tasks: runnable,
    concurrency: ctx.limits.concurrency,
    signal: ctx.signal,
    finished: outcomes,
    runTask: async (task, deps) => {
      const outcome = await start(task, deps);
      if (outcome.status === "succeeded" || outcome.status === "partial") {
        taskUsage.push(outcome.output.usage);
        if (outcome.output.followUp) await extender.consider(task.id, outcome.output);
      }
      return outcome;
    },
    // Added tasks start as soon as their dependencies end, unless they wait for approval.
    moreTasks: () => extender.plan().tasks.filter((t) => !held.has(t.id) && !extender.awaiting().includes(t.id)),
    onNotStarted: async (task) => {
      await ctx.sink({ type: "task-skip", taskId: task.id, reason: `Not started: ${abortError(ctx.signal).message}` });
    },
  });
  extender.awaiting().forEach((id) => held.add(id));
  const plan = extender.plan();
  const paused = !ctx.signal.aborted && held.size > 0;
  if (paused) {
    await ctx.sink({ type: "plan-review", reason: `${held.size} task(s) added to the plan wait for approval before they run.` });
  }
  return { plan, outcomes, paused, extensions: extender.added() };
}

/** Outcomes of tasks that already ended in the log; they are reused, never called again. */
function finishedOutcomes(state: RunState): Map<string, TaskOutcome> {
  const finished = new Map<string, TaskOutcome>();
  for (const [id, t] of Object.entries(state.tasks)) {
    if ((t.status === "succeeded" || t.status === "partial") && t.output) finished.set(id, { status: t.status, output: t.output });
    else if (t.status === "failed" || t.status === "canceled") {
      finished.set(id, { status: "failed", reason: t.error?.message ?? t.status, ...(t.output ? { output: t.output } : {}) });
    }
    else if (t.status === "skipped") finished.set(id, { status: "skipped", reason: t.skipReason ?? "skipped" });
  }
  return finished;
}

function nextAttempt(task: TaskState | undefined): number {
  return (task?.attempts.at(-1)?.attempt ?? 0) + 1;
}

/** Writes the report; resolves false when its narrative is not the model's finished answer. */
async function synthesisPhase(ctx: Ctx, plan: Plan, outcomes: ReadonlyMap<string, TaskOutcome>, extensions: readonly ReportExtension[]): Promise<boolean> {
  const tasks = summarizeTasks(plan, outcomes);
  await ctx.sink({ type: "synthesis-start", inputs: synthesisInputs(ctx.port, { request: ctx.request, plan, tasks }) });
  let narrative: string;
  let citations: Parameters<typeof buildReport>[0]["citations"] = [];
  let usage: Usage = ZERO_USAGE;
  let incomplete: string | undefined;
  try {
    const out = await withRetries({
      ...retryDeps(ctx),
      attempt: () =>
        ctx.port.synthesize({
          document: ctx.document,
          request: ctx.request,
          plan,
          tasks,
          signal: ctx.signal,
          onDelta: (text) => void ctx.sink({ type: "synthesis-delta", text }),
          onWait: (wait) => void ctx.sink({ type: "model-wait", wait }),
        }),
    });
    if (out.finishReason === "refusal") {
      usage = out.usage;
      const refused = refusedError("synthesis", out).message;
      narrative = `**The synthesis model declined to write the report.** ${refused} The findings below come directly from the workers.`;
      incomplete = refused;
    } else {
      ({ text: narrative, citations, usage } = out);
      // Prose cut at the token limit ends mid-sentence: keep it, but never present it as finished.
      if (out.finishReason === "max_tokens") incomplete = "The summary was cut off at the model's output token limit; it ends mid-sentence.";
    }
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    // The workers' findings are still worth a report; say plainly that the narrative is missing.
    const info = toErrorInfo(error);
    narrative = `**The synthesis step failed** (${info.message}). The findings below come directly from the workers, without a combined narrative.`;
    incomplete = `The synthesis step failed: ${info.message}`;
  }
  const report = buildReport({ document: ctx.document, tasks, narrative, citations, direct: false, ...(incomplete ? { incomplete } : {}) });
  await ctx.sink({ type: "synthesis-end", report: extensions.length > 0 ? { ...report, extensions: [...extensions] } : report, usage });
  return incomplete === undefined;
}

async function finishDirect(ctx: Ctx, plan: Plan): Promise<void> {
  const answer = plan.directAnswer ?? "";
  await ctx.sink({ type: "synthesis-start" });
  await ctx.sink({ type: "synthesis-delta", text: answer });
  const report = buildReport({ document: ctx.document, tasks: [], narrative: answer, citations: [], direct: true });
  await ctx.sink({ type: "synthesis-end", report, usage: ZERO_USAGE });
  await ctx.sink({ type: "run-end", status: "succeeded" });
}

function retryDeps(ctx: Ctx) {
  return { policy: ctx.retry, signal: ctx.signal, sleep: ctx.sleep, random: ctx.random };
}
