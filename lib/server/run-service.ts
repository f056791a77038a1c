import "server-only";
import { randomUUID } from "node:crypto";
import type { Document } from "../documents/document";
import type { RunLimits } from "../engine/events";
import { initialRunState, reduceRun } from "../engine/reduce-run";
import { executeRun } from "../engine/run-engine";
import { databaseProvider, db, sqlDatabase } from "./db";
import { env } from "./env";
import { createModelPort, defaultLimits } from "./engine";
import { getRunSource, listEvents, runStatus } from "./run-queries";
import { discardPlan } from "./plan-review";
import { ForemanError } from "../engine/errors";
import { activeRuns, eventWriter } from "./run-registry";
import { launch, resetEvent, startJob, type RunJob } from "./run-executor";
import { executorId, leaseHeld, requestCancel } from "./run-lease";
import { adoptOrphans } from "./executor-heartbeat";
import { enqueueRun } from "./run-queue";
import { documentRow } from "./document-row";

/**
 * Whether runs go through the job queue (PostgreSQL: any worker process may execute them) or are
 * executed by the process that starts them (SQLite, the embedded default).
 */
export function usesQueue(): boolean {
  return databaseProvider() === "postgresql";
}

/** Hands a job to an executor: the queue, or this process (which must hold no other job for the run). */
async function dispatch(job: RunJob): Promise<void> {
  if (usesQueue()) return enqueueRun(job);
  const started = await startJob(job);
  if (started === "busy") throw new ForemanError("invalid_input", "The run is still going; wait for it to end or cancel it first.");
}

/**
 * Starts a run: stores the document and the run in one transaction, then executes it detached
 * from the request that asked for it — in this process under its lease (SQLite), or as a queue
 * job for a worker (PostgreSQL). With an idempotency key, a repeated submission returns the run
 * the first one created.
 */
export async function startRun(input: {
  document: Document;
  request: string;
  idempotencyKey?: string;
  limits?: RunLimits;
  /** Stop after planning until a person approves (awaiting-approval). */
  review?: boolean;
}): Promise<{ runId: string; created: boolean }> {
  if (input.idempotencyKey) {
    const existing = await db().run.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
    if (existing) return { runId: existing.id, created: false };
  }
  const port = createModelPort();
  const limits = input.limits ?? defaultLimits();
  const runId = randomUUID();
  const { document } = input;
  try {
    await db().$transaction([
      db().document.create({
        data: {
          ...documentRow(document),
          runs: {
            create: {
              id: runId,
              request: input.request,
              status: "pending",
              backend: port.backend,
              orchestratorModel: port.models.orchestrator,
              workerModel: port.models.worker,
              synthesisModel: port.models.synthesis,
              limitsJson: JSON.stringify(limits),
              idempotencyKey: input.idempotencyKey ?? null,
              // Executed here: created under this executor's lease, so no other instance adopts it.
              ...(usesQueue() ? {} : { leaseOwner: executorId(), leaseUntil: BigInt(Date.now() + env().FOREMAN_LEASE_MS) }),
            },
          },
        },
      }),
    ]);
  } catch (error) {
    // Two submissions with one key raced: the loser returns the winner's run.
    if (input.idempotencyKey) {
      const existing = await db().run.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
      if (existing) return { runId: existing.id, created: false };
    }
    throw error;
  }
  const review = input.review ?? false;
  if (usesQueue()) await enqueueRun({ runId, afterSeq: 0, ...(review ? { review } : {}) });
  else void launch(runId, initialRunState(runId), (options) => executeRun({ document, request: input.request, review }, { ...options, limits }));
  return { runId, created: true };
}

/**
 * Cancels a run wherever it executes: here, at once; elsewhere, through a stored cancel request
 * its executor is told of at once by NOTIFY (PostgreSQL) and reads on its next heartbeat anyway
 * (or, for a queued run, when a worker takes it). Returns
 * false when the run does not exist or has already ended.
 */
export async function cancelRun(runId: string, reason = "Canceled by the user."): Promise<boolean> {
  const active = activeRuns().get(runId);
  if (active) {
    active.controller.abort(reason);
    return true;
  }
  // A run awaiting approval has no executor to notice a cancel request: it is discarded here.
  if ((await runStatus(runId)) === "awaiting-approval") {
    await discardPlan({ runId, by: "cancel" });
    return true;
  }
  return requestCancel(runId, reason);
}

/**
 * Resumes the unfinished runs no live executor holds (after a crash or restart). A run awaiting
 * approval is not running: it stays as it is until a person decides.
 */
export async function resumeUnfinishedRuns(): Promise<string[]> {
  return adoptOrphans();
}

/** Deletes a run and its log (and its document when no other run uses it); a running run is canceled first. */
export async function deleteRun(runId: string): Promise<boolean> {
  const active = activeRuns().get(runId);
  if (active) {
    active.controller.abort("The run was deleted.");
    await active.done;
  }
  await eventWriter().flush();
  const run = await db().run.findUnique({ where: { id: runId }, select: { documentId: true } });
  if (!run) return false;
  await db().$transaction([
    db().run.delete({ where: { id: runId } }),
    db().document.deleteMany({ where: { id: run.documentId, runs: { none: {} } } }),
  ]);
  return true;
}

/** Starts a new run on the same document and request. */
export async function rerun(runId: string): Promise<string> {
  const source = await getRunSource(runId);
  if (!source) throw new ForemanError("not_found", `No run with id ${runId}.`);
  const { runId: newId } = await startRun(source);
  return newId;
}

/**
 * Re-runs one task of a finished run — optionally with a new description — and every task that
 * depends on it, reusing all other stored outputs; the report is synthesised again. Resolves once
 * the run is open again (its task-reset stored), so a stream opened right after sees it running.
 */
export async function retryTask(input: { runId: string; taskId: string; description?: string }): Promise<void> {
  const { runId, taskId } = input;
  if (activeRuns().has(runId) || (await leaseHeld(runId))) throw new ForemanError("invalid_input", "The run is still going; wait for it to end or cancel it first.");
  const run = await db().run.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new ForemanError("not_found", `No run with id ${runId}.`);
  await eventWriter().flush();
  const state = reduceRun(await listEvents(runId), runId);
  const reset = { taskId, ...(input.description?.trim() ? { description: input.description.trim() } : {}) };
  resetEvent(state, reset); // refuses an unknown task before anything is queued
  await dispatch({ runId, afterSeq: state.lastSeq, reset });
  await waitForSeq(runId, state.lastSeq);
}

/** Waits (polling the Run row) until the run's log has grown past `afterSeq`, or it ended without. */
async function waitForSeq(runId: string, afterSeq: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await sqlDatabase().query(`SELECT "lastSeq" FROM "Run" WHERE "id" = ?`, [runId]);
    if (rows.length === 0 || Number(rows[0]?.lastSeq) > afterSeq) return;
    if (!usesQueue() && !activeRuns().has(runId)) return; // stopped here before writing anything
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
