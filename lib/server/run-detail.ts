import "server-only";
import { reduceRun } from "../engine/reduce-run";
import type { RunState } from "../engine/run-state";
import { db } from "./db";
import { eventWriter } from "./run-registry";
import { listEvents } from "./run-queries";

/**
 * GET /api/runs/{id}: the run as its event log says it is now — status, the plan (and the
 * orchestrator's plan before a person's edits), every task's state, extensions, report, usage.
 */
export async function getRunDetail(runId: string) {
  const run = await db().run.findUnique({ where: { id: runId }, select: { id: true, createdAt: true } });
  if (!run) return undefined;
  await eventWriter().flush();
  return runDetail(reduceRun(await listEvents(runId), runId), run.createdAt.toISOString());
}

export function runDetail(state: RunState, createdAt?: string) {
  return {
    id: state.runId,
    status: state.status,
    createdAt: createdAt ?? null,
    request: state.request,
    document: state.document,
    backend: state.backend,
    models: state.models,
    limits: state.limits,
    review: state.review,
    plan: state.plan ?? null,
    proposedPlan: state.proposedPlan ?? null,
    planEdits: state.planEdits,
    /** Tasks added by extensions that wait for approval. */
    unapproved: state.unapproved,
    extensions: state.extensions,
    tasks: state.taskOrder.flatMap((id) => {
      const t = state.tasks[id];
      return t ? [{ ...t.task, status: t.status, attempts: t.attempts.length, usage: t.usage, output: t.output ?? null, error: t.error ?? null }] : [];
    }),
    report: state.report ?? null,
    error: state.error ?? null,
    usage: state.usage,
    startedAt: state.startedAt ?? null,
    endedAt: state.endedAt ?? null,
  };
}
