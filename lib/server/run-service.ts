import "server-only";
import { randomUUID } from "node:crypto";
import type { Document } from "../documents/document";
import { createStamper } from "../engine/event-stamp";
import type { EventSink, RunLimits } from "../engine/events";
import { initialRunState, applyEvent, reduceRun } from "../engine/reduce-run";
import { continueRun, executeRun } from "../engine/run-engine";
import { withDependents } from "../engine/schedule";
import { FINAL_RUN_STATUSES, type RunState } from "../engine/run-state";
import { db } from "./db";
import { createModelPort, defaultLimits } from "./engine";
import { parseLimits } from "./json-columns";
import { documentFromRow, getRunSource, listEvents } from "./run-queries";
import { ForemanError, toErrorInfo } from "../engine/errors";
import { activeRuns, eventWriter } from "./run-registry";

/**
 * Starts a run: stores the document and the run in one transaction, then executes it in the
 * server process, detached from the request that asked for it. With an idempotency key, a
 * repeated submission returns the run the first one created.
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
          id: randomUUID(),
          sha256: document.sha256,
          fileName: document.fileName,
          title: document.title,
          mediaType: document.mediaType,
          format: document.format,
          language: document.language ?? null,
          byteSize: document.byteSize,
          text: document.text,
          pagesJson: JSON.stringify(document.pages),
          metadataJson: JSON.stringify(document.metadata ?? {}),
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
  launch(runId, initialRunState(runId), (options) => executeRun({ document, request: input.request, review }, { ...options, limits }));
  return { runId, created: true };
}

type Runner = (options: { port: ReturnType<typeof createModelPort>; sink: EventSink; signal: AbortSignal }) => Promise<void>;

export function launch(runId: string, state: RunState, run: Runner): void {
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
    // cannot be stored stops: its log ends at the last stored event, and a restart resumes it.
    stored.catch((error: unknown) => controller.abort(new ForemanError("internal", `The run's events could not be stored: ${toErrorInfo(error).message}`)));
    return stored;
  };
  const done = run({ port: createModelPort(), sink, signal: controller.signal })
    .catch((error: unknown) => console.error(`[foreman] run ${runId} stopped unexpectedly:`, error))
    .finally(() => activeRuns().delete(runId));
  activeRuns().set(runId, { controller, done });
}

/** Cancels a run executing in this process. Returns false if it is not running here. */
export function cancelRun(runId: string, reason = "Canceled by the user."): boolean {
  const active = activeRuns().get(runId);
  if (!active) return false;
  active.controller.abort(reason);
  return true;
}

/**
 * Resumes every run the log says is unfinished (after a crash or restart). A run awaiting
 * approval is not running: it stays as it is until a person decides.
 */
export async function resumeUnfinishedRuns(): Promise<string[]> {
  const unfinished = await db().run.findMany({
    where: { status: { notIn: [...FINAL_RUN_STATUSES, "awaiting-approval"] } },
    include: { document: true },
  });
  const resumed: string[] = [];
  for (const run of unfinished) {
    if (activeRuns().has(run.id)) continue;
    const state = reduceRun(await listEvents(run.id), run.id);
    if (state.status === "awaiting-approval") continue;
    const document = documentFromRow(run.document);
    const request = run.request;
    if (state.lastSeq === 0) launch(run.id, state, (o) => executeRun({ document, request }, { ...o, limits: parseLimits(run.limitsJson) }));
    else {
      launch(run.id, state, async (o) => {
        const resumed = await o.sink({ type: "run-resume", reason: "The server restarted; the run continues from its event log." });
        await continueRun(applyEvent(state, resumed), { document, request }, o);
      });
    }
    resumed.push(run.id);
  }
  return resumed;
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
 * depends on it, reusing all other stored outputs; the report is synthesised again.
 */
export async function retryTask(input: { runId: string; taskId: string; description?: string }): Promise<void> {
  const { runId, taskId } = input;
  if (activeRuns().has(runId)) throw new ForemanError("invalid_input", "The run is still going; wait for it to end or cancel it first.");
  const run = await db().run.findUnique({ where: { id: runId }, include: { document: true } });
  if (!run) throw new ForemanError("not_found", `No run with id ${runId}.`);
  await eventWriter().flush();
  const state = reduceRun(await listEvents(runId), runId);
  if (!state.plan?.tasks.some((t) => t.id === taskId)) throw new ForemanError("not_found", `The run has no task "${taskId}".`);
  const description = input.description?.trim();
  // The task, what depends on it, and tasks that never started (a canceled or stopped run).
  const rerun = new Set(withDependents(state.plan.tasks, taskId));
  const taskIds = state.taskOrder.filter((id) => rerun.has(id) || state.tasks[id]?.status === "skipped");
  const document = documentFromRow(run.document);
  if (activeRuns().has(runId)) throw new ForemanError("invalid_input", "The task is already being re-run.");
  let resetStored!: () => void;
  const stored = new Promise<void>((resolve) => (resetStored = resolve));
  launch(runId, state, async (o) => {
    const reset = await o.sink({
      type: "task-reset",
      taskIds,
      ...(description ? { edited: { taskId, description } } : {}),
      reason: description ? `Task "${taskId}" re-run with an edited description.` : `Task "${taskId}" re-run.`,
    });
    resetStored();
    await continueRun(applyEvent(state, reset), { document, request: run.request }, o);
  });
  // Return once the run is open again, so a stream opened right after sees it running.
  await Promise.race([stored, activeRuns().get(runId)?.done]);
}
