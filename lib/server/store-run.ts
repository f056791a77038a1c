import "server-only";
import type { Document } from "../documents/document";
import { ForemanError } from "../engine/errors";
import type { RunEvent } from "../engine/events";
import { applyEvent, initialRunState } from "../engine/reduce-run";
import { FINAL_RUN_STATUSES } from "../engine/run-state";
import { databaseUrl, db, sqlDatabase } from "./db";
import { env } from "./env";
import { createEventBus } from "./event-bus";
import { createEventWriter } from "./event-writer";
import { applyMigrations } from "./migrate";
import { executorId, releaseLease } from "./run-lease";
import { documentRow } from "./document-row";

/**
 * Stores a run that was executed elsewhere — the CLI's in-process analyses (`--save`) — exactly as
 * a server-run one: its document, its Run row and its whole event log, written by the same event
 * writer (so the Run/Task projections match), so history, the run page, `runs` and compare show it.
 * The database is migrated first, as the server does at start-up.
 *
 * `events` must be one run's complete log (seq 1…n, same runId, a UUID) ending in a final status;
 * throws invalid_input otherwise, before anything is written. While it writes, the run is under
 * this process's lease, so a server starting on the same database does not take it for an
 * interrupted run and resume it. Returns the run id.
 */
export async function storeFinishedRun(input: { document: Document; events: readonly RunEvent[] }): Promise<string> {
  const { events } = input;
  const runId = events[0]?.runId ?? "";
  const state = events.reduce(applyEvent, initialRunState(runId));
  const start = events[0];
  if (start?.type !== "run-start" || events.some((e, i) => e.runId !== runId || e.seq !== i + 1)) {
    throw new ForemanError("invalid_input", "Only a run's whole event log, in order, can be stored.");
  }
  if (!FINAL_RUN_STATUSES.has(state.status)) throw new ForemanError("invalid_input", `Only a run that has ended can be stored (this one is ${state.status}).`);

  await applyMigrations({ url: databaseUrl() });
  await db().document.create({
    data: {
      ...documentRow(input.document),
      runs: {
        create: {
          id: runId,
          request: start.request,
          status: "pending", // the writer projects the real status from the events
          backend: start.backend,
          orchestratorModel: start.models.orchestrator,
          workerModel: start.models.worker,
          synthesisModel: start.models.synthesis,
          limitsJson: JSON.stringify(start.limits),
          leaseOwner: executorId(),
          leaseUntil: BigInt(Date.now() + env().FOREMAN_LEASE_MS),
        },
      },
    },
  });
  const writer = createEventWriter({ database: sqlDatabase(), bus: createEventBus(), owner: executorId() });
  let replayed = initialRunState(runId);
  const appended: Array<Promise<void>> = [];
  for (const event of events) {
    replayed = applyEvent(replayed, event);
    appended.push(writer.append(event, replayed));
  }
  await Promise.all(appended);
  await releaseLease(runId);
  return runId;
}
