import "server-only";
import { ForemanError } from "../engine/errors";
import type { RunEvent, RunEventDraft } from "../engine/events";
import { checkPlanEdit } from "../engine/plan-edits";
import { applyEvent, reduceRun } from "../engine/reduce-run";
import { continueRun } from "../engine/run-engine";
import type { RunState } from "../engine/run-state";
import type { PlanIssue } from "../engine/validate-plan";
import { db } from "./db";
import { documentFromRow, listEvents } from "./run-queries";
import { activeRuns, eventWriter } from "./run-registry";
import { launch } from "./run-executor";
import { enqueueRun } from "./run-queue";
import { usesQueue } from "./run-service";
import { claimLease } from "./run-lease";

/*
 * A person's decisions on a plan awaiting approval (review: true). Each one is an event in the
 * run's log, appended through the same launch path as the engine's own events, so history,
 * replay, the live view and the CLI see them. A run awaiting approval is not in `activeRuns`:
 * it holds no worker until one of these starts it again.
 */

/** Who made a change, as stored in the event: "web", "api" or "cli" unless an account is known. */
export type Actor = string;

/** A plan edit the validator refused: `issues` locate each fault on its task or edge. */
export class PlanEditError extends ForemanError {
  constructor(readonly issues: PlanIssue[]) {
    super("plan_invalid", `The edited plan is not valid: ${issues.map((i) => i.message).join("; ")}`, { details: issues.map((i) => i.message) });
  }
}

async function awaiting(runId: string): Promise<{ state: RunState; run: NonNullable<Awaited<ReturnType<typeof findRun>>> }> {
  if (activeRuns().has(runId)) throw new ForemanError("conflict", "The run is busy; try again in a moment.");
  const run = await findRun(runId);
  if (!run) throw new ForemanError("not_found", `No run with id ${runId}.`);
  await eventWriter().flush();
  const state = reduceRun(await listEvents(runId), runId);
  if (state.status !== "awaiting-approval") throw new ForemanError("conflict", `The run is ${state.status}, not awaiting approval.`);
  return { state, run };
}

/** Events are appended only under the run's lease (run-lease.ts); another executor holding it means busy. */
async function leaseOrBusy(runId: string): Promise<void> {
  if (!(await claimLease(runId))) throw new ForemanError("conflict", "The run is busy; try again in a moment.");
}

function findRun(runId: string) {
  return db().run.findUnique({ where: { id: runId }, include: { document: true } });
}

/** Appends one event to a run that is not executing, and resolves once it is stored. */
async function append(runId: string, state: RunState, draft: RunEventDraft): Promise<RunEvent> {
  let stored: RunEvent | undefined;
  await leaseOrBusy(runId);
  launch(runId, state, async (o) => {
    stored = await o.sink(draft);
  });
  await activeRuns().get(runId)?.done;
  if (!stored) throw new ForemanError("internal", "The change could not be stored.");
  return stored;
}

/** Replaces the tasks of the plan awaiting approval. Throws PlanEditError (422) with the validator's issues. */
export async function editPlan(input: { runId: string; tasks: unknown; by: Actor }): Promise<RunState> {
  const { state } = await awaiting(input.runId);
  const check = checkPlanEdit(state, input.tasks);
  if (!check.ok) throw new PlanEditError(check.issues);
  const event = await append(input.runId, state, { type: "plan-edit", plan: check.plan, by: input.by });
  return applyEvent(state, event);
}

/** Starts execution of exactly the plan awaiting approval; resolves once the run is running. */
export async function approvePlan(input: { runId: string; by: Actor }): Promise<void> {
  const { state, run } = await awaiting(input.runId);
  await resumeWith(input.runId, state, run, { type: "plan-approve", by: input.by });
}

/** Asks the orchestrator for a new plan with the person's note; the run awaits approval again after. */
export async function replan(input: { runId: string; note: string; by: Actor }): Promise<void> {
  const { state, run } = await awaiting(input.runId);
  if (state.taskOrder.some((id) => state.tasks[id]?.status !== "pending")) {
    throw new ForemanError("conflict", "Tasks of this plan already ran; edit the added tasks or approve them instead of re-planning.");
  }
  await resumeWith(input.runId, state, run, { type: "plan-replan", note: input.note, by: input.by });
}

/** Cancels a run awaiting approval. */
export async function discardPlan(input: { runId: string; by: Actor }): Promise<void> {
  const { state } = await awaiting(input.runId);
  await append(input.runId, state, { type: "run-cancel", reason: `The plan was discarded (${input.by}).` });
}

async function resumeWith(runId: string, state: RunState, run: NonNullable<Awaited<ReturnType<typeof findRun>>>, draft: RunEventDraft): Promise<void> {
  if (usesQueue()) {
    // Scale-out: the decision is stored here; a worker carries the run on from it.
    const event = await append(runId, state, draft);
    await enqueueRun({ runId, afterSeq: event.seq, continue: true });
    return;
  }
  const document = documentFromRow(run.document);
  let storedFirst!: () => void;
  const stored = new Promise<void>((resolve) => (storedFirst = resolve));
  await leaseOrBusy(runId);
  launch(runId, state, async (o) => {
    const event = await o.sink(draft);
    storedFirst();
    await continueRun(applyEvent(state, event), { document, request: run.request }, o);
  });
  // Return once the decision is stored, so a stream opened right after sees the run going on.
  await Promise.race([stored, activeRuns().get(runId)?.done]);
}
