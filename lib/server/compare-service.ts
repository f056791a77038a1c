import "server-only";
import { compareRuns, type RunComparison } from "../compare/compare-runs";
import { ForemanError } from "../engine/errors";
import { reduceRun } from "../engine/reduce-run";
import { db } from "./db";
import { eventWriter } from "./run-registry";
import { listEvents } from "./run-queries";

/** Compares two stored runs (see lib/compare/compare-runs.ts). Throws not_found naming the missing run. */
export async function compareStoredRuns(aId: string, bId: string): Promise<RunComparison> {
  if (aId === bId) throw new ForemanError("invalid_input", "Choose two different runs to compare.");
  await eventWriter().flush();
  const [a, b] = await Promise.all([load(aId), load(bId)]);
  return compareRuns(a, b);
}

async function load(id: string) {
  const run = await db().run.findUnique({ where: { id }, select: { id: true, createdAt: true, document: { select: { text: true } } } });
  if (!run) throw new ForemanError("not_found", `No run with id ${id}.`);
  return { id, createdAt: run.createdAt.toISOString(), state: reduceRun(await listEvents(id), id), documentText: run.document.text };
}
