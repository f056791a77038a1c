import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocument } from "../support/make-document";
import { freshPostgresUrl } from "../support/postgres";

// A cancel request stored by another process reaches the run's executor by NOTIFY, not by its
// heartbeat: the heartbeat here beats once at start and then every 10 minutes, far past this
// test's timeout, so only the notification can end the run. The scripted plan is t1 → t2…t5 → t6;
// t2's first attempt stalls until aborted, so the run is surely still going when canceled.
const database = freshPostgresUrl("foreman_cancel");
Object.assign(process.env, {
  DATABASE_URL: database.url,
  FOREMAN_BACKEND: "scripted",
  FOREMAN_SCRIPTED_LATENCY_MS: "20",
  FOREMAN_SCRIPTED_STALL_TASKS: "t2",
  FOREMAN_LEASE_MS: "600000",
  FOREMAN_HEARTBEAT_MS: "600000",
});
const { applyMigrations } = await import("@/lib/server/migrate");
const { startRun } = await import("@/lib/server/run-service");
const { startQueueWorker, closeQueue } = await import("@/lib/server/run-queue");
const { startHeartbeat } = await import("@/lib/server/executor-heartbeat");
const { startCancelListener } = await import("@/lib/server/cancel-listener");
const { requestCancel } = await import("@/lib/server/run-lease");
const { listEvents, runStatus } = await import("@/lib/server/run-queries");
const { pgPool } = await import("@/lib/server/db");

beforeAll(async () => {
  await applyMigrations({ url: database.url });
  await startHeartbeat({ role: "worker", adoptOrphans: false });
  await startCancelListener();
  startQueueWorker();
}, 60_000);
afterAll(async () => {
  await closeQueue();
  await pgPool().end();
  await database.drop();
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

describe("cancel across processes on PostgreSQL", () => {
  it("the executor acts on a cancel request at once when it is notified", async () => {
    const { runId } = await startRun({ document: makeDocument("A run canceled from another web process."), request: "r" });
    await until(async () => (await listEvents(runId)).some((e) => e.type === "task-start" && e.taskId === "t2"));
    // What a web process that does not execute the run does (run-service.cancelRun → requestCancel).
    expect(await requestCancel(runId, "Canceled from the other web process.")).toBe(true);
    await until(async () => (await runStatus(runId)) === "canceled");
    expect((await listEvents(runId)).at(-1)).toMatchObject({ type: "run-cancel", reason: "Canceled from the other web process." });
  });
});
