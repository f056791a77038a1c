import "server-only";
import { createStamper } from "../engine/event-stamp";
import type { EventSink } from "../engine/events";
import { applyEvent, reduceRun } from "../engine/reduce-run";
import { continueRun, executeRun } from "../engine/run-engine";
import { FINAL_RUN_STATUSES, type RunState } from "../engine/run-state";
import { withDependents } from "../engine/schedule";
import { ForemanError, toErrorInfo } from "../engine/errors";
import { db } from "./db";
import { env } from "./env";
import { processSingleton } from "./global-singleton";
import { createModelPort } from "./engine";
import { parseLimits } from "./json-columns";
import { claimLease, pendingCancel, releaseLease } from "./run-lease";
import { activeRuns, eventWriter } from "./run-registry";
import { documentFromRow, listEvents } from "./run-queries";
import { runAdmission } from "./run-admission";

/**
 * A unit of run execution, in process or as a queue job. What to do follows from the log, so the
 * same job can be taken again after its executor died: an empty log starts the run; `reset` with
 * no event after `afterSeq` re-runs a task of the finished run; an unfinished log resumes
 * (ended tasks kept, in-flight ones re-sent); a finished log needs nothing.
 */
export type RunJob = {
  runId: string;
  afterSeq: number;
  reset?: { taskId: string; description?: string };
  /** A new run stops after planning until a person approves it. */
  review?: boolean;
  /** The log ends with a decision stored for this job (e.g. plan-approve): carry on from it, with no resume event. */
  continue?: boolean;
};

export type Runner = (options: { port: ReturnType<typeof createModelPort>; sink: EventSink; signal: AbortSignal }) => Promise<void>;

/**
 * Executes a run in this process under a lease this executor already holds: registers it in
 * activeRuns at once (synchronously), stamps and stores its events, and releases the lease when
 * it stops. `onEvent` sees each event once it is stored.
 */
export function launch(runId: string, state: RunState, run: Runner, options: { cancel?: string } = {}): Promise<void> {
  const controller = new AbortController();
  const stamp = createStamper({ runId, lastSeq: state.lastSeq });
  let current = state;
  const writer = eventWriter();
  writer.clearFailure(runId);
  const sink: EventSink = (draft) => {
    const event = stamp(draft);
    current = applyEvent(current, event);
    const stored = writer.append(event, current).then(() => event);
    // Deltas are sent without await, so a failure must not go unhandled. A run whose events
    // cannot be stored (or whose lease another executor took) stops: its log ends at the last
    // stored event, and whoever holds the lease next resumes it.
    stored.catch((error: unknown) => controller.abort(new ForemanError("internal", `The run's events could not be stored: ${toErrorInfo(error).message}`)));
    return stored;
  };
  if (options.cancel) controller.abort(options.cancel);
  // Waits for a slot under FOREMAN_MAX_ACTIVE_RUNS; until then a new run stays pending ("Queued"),
  // and an unfinished one (resumed, or approved) says so in its log, which shows it as queued too.
  const unfinished = state.lastSeq > 0 && !FINAL_RUN_STATUSES.has(state.status) && state.status !== "awaiting-approval";
  const admission = runAdmission();
  const onQueued = unfinished
    ? () => void sink({ type: "run-queued", reason: `Waiting for a free slot: ${admission.stats().limit} runs execute at once (FOREMAN_MAX_ACTIVE_RUNS).` })
    : undefined;
  const done = admission
    .admit(controller.signal, () => run({ port: createModelPort(), sink, signal: controller.signal }), onQueued)
    .catch((error: unknown) => console.error(`[foreman] run ${runId} stopped unexpectedly:`, error))
    .then(() => writer.flush())
    .then(() => releaseLease(runId))
    .catch((error: unknown) => console.error(`[foreman] run ${runId}: could not release its lease:`, error))
    .finally(() => activeRuns().delete(runId));
  activeRuns().set(runId, { controller, done });
  return done;
}

/** The task-reset event that re-runs `taskId` (and what depends on it, and what never started). */
export function resetEvent(state: RunState, reset: NonNullable<RunJob["reset"]>) {
  const { taskId } = reset;
  if (!state.plan?.tasks.some((t) => t.id === taskId)) throw new ForemanError("not_found", `The run has no task "${taskId}".`);
  const description = reset.description?.trim();
  const rerun = new Set(withDependents(state.plan.tasks, taskId));
  const taskIds = state.taskOrder.filter((id) => rerun.has(id) || state.tasks[id]?.status === "skipped");
  return {
    type: "task-reset" as const,
    taskIds,
    ...(description ? { edited: { taskId, description } } : {}),
    reason: description ? `Task "${taskId}" re-run with an edited description.` : `Task "${taskId}" re-run.`,
  };
}

/**
 * Decides from the stored log what a job still has to do, for an executor holding the run's
 * lease. Returns undefined when nothing is left (the run is finished, or gone).
 */
export async function planJob(job: RunJob): Promise<{ state: RunState; runner: Runner } | undefined> {
  const run = await db().run.findUnique({ where: { id: job.runId }, include: { document: true } });
  if (!run) return undefined;
  await eventWriter().flush();
  const state = reduceRun(await listEvents(job.runId), job.runId);
  const document = documentFromRow(run.document);
  const input = { document, request: run.request };
  if (state.lastSeq === 0) return { state, runner: (o) => executeRun({ ...input, review: job.review ?? false }, { ...o, limits: parseLimits(run.limitsJson) }) };
  if (job.reset && state.lastSeq <= job.afterSeq) {
    const reset = resetEvent(state, job.reset);
    return { state, runner: async (o) => continueRun(applyEvent(state, await o.sink(reset)), input, o) };
  }
  if (job.continue && state.lastSeq === job.afterSeq && !FINAL_RUN_STATUSES.has(state.status) && state.status !== "awaiting-approval") {
    return { state, runner: (o) => continueRun(state, input, o) };
  }
  // A finished run needs nothing; one awaiting approval holds no executor until a person decides.
  if (FINAL_RUN_STATUSES.has(state.status) || state.status === "awaiting-approval") return undefined;
  return {
    state,
    runner: async (o) => {
      const resumed = await o.sink({ type: "run-resume", reason: "The run's executor stopped; the run continues from its event log." });
      await continueRun(applyEvent(state, resumed), input, o);
    },
  };
}

/**
 * Starts a job in this process: claims the lease (waiting up to two lease periods for a dead
 * executor's lease to expire when `waitForLease`), then launches what the log says is left.
 * Resolves once the run is launched, with the promise of its end; "busy" when another executor
 * (or another job here) holds the run, "nothing-left" when the run is finished.
 */
export async function startJob(job: RunJob, options: { waitForLease?: boolean } = {}): Promise<{ done: Promise<void> } | "nothing-left" | "busy"> {
  // Claiming is idempotent for the lease holder, so two jobs for one run in this process are kept
  // apart here.
  const starting = processSingleton("starting-runs", () => new Set<string>());
  if (activeRuns().has(job.runId) || starting.has(job.runId)) return "busy";
  starting.add(job.runId);
  try {
    const deadline = Date.now() + (options.waitForLease ? env().FOREMAN_LEASE_MS * 2 : 0);
    while (!(await claimLease(job.runId))) {
      if (Date.now() >= deadline) return "busy";
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, env().FOREMAN_LEASE_MS / 4)));
    }
    let plan: Awaited<ReturnType<typeof planJob>>;
    try {
      plan = await planJob(job);
    } catch (error) {
      await releaseLease(job.runId);
      throw error;
    }
    if (!plan) {
      await releaseLease(job.runId);
      return "nothing-left";
    }
    const cancel = await pendingCancel(job.runId);
    return { done: launch(job.runId, plan.state, plan.runner, cancel ? { cancel } : {}) };
  } finally {
    starting.delete(job.runId);
  }
}

/** Executes a job in this process to its end (startJob, then waits for the run to stop here). */
export async function executeJob(job: RunJob, options: { waitForLease?: boolean } = {}): Promise<"done" | "nothing-left" | "busy"> {
  const started = await startJob(job, options);
  if (typeof started === "string") return started;
  await started.done;
  return "done";
}
