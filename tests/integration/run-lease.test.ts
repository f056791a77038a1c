import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../support/temp-database";
import { makeDocument } from "../support/make-document";

// The scripted plan is t1 → t2…t5 → t6; t5's first attempt never answers until it is aborted, so a
// run is surely still going when the test takes its lease or cancels it (no race with its end).
const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "40", FOREMAN_LEASE_MS: "60000", FOREMAN_SCRIPTED_STALL_TASKS: "t5" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { startRun, cancelRun } = await import("@/lib/server/run-service");
const { activeRuns, eventWriter } = await import("@/lib/server/run-registry");
const { listEvents } = await import("@/lib/server/run-queries");
const { heartbeat, adoptOrphans } = await import("@/lib/server/executor-heartbeat");
const { executorId } = await import("@/lib/server/run-lease");
const { sqlDatabase } = await import("@/lib/server/db");
const { defaultLimits } = await import("@/lib/server/engine");

const beat = () => heartbeat({ role: "all", adoptOrphans: false });
const runRow = async (runId: string) => (await sqlDatabase().query(`SELECT "leaseOwner", "leaseUntil", "status" FROM "Run" WHERE "id" = ?`, [runId]))[0];
/** Waits until the stalled task t5 is in flight: the run cannot end by itself from here. */
async function untilStalled(runId: string) {
  for (;;) {
    await eventWriter().flush();
    const events = await listEvents(runId);
    if (events.some((e) => e.type === "task-start" && e.taskId === "t5")) return events;
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  await applyMigrations({ url: temp.url });
});
afterAll(async () => {
  await Promise.all([...activeRuns().values()].map((r) => r.done));
  temp.cleanup();
});

describe("run leases", () => {
  it("a run executes under this executor's lease, renewed by the heartbeat and released at its end", async () => {
    // Four tasks (no t5): the run ends by itself.
    const { runId } = await startRun({ document: makeDocument("Leased."), request: "r", limits: { ...defaultLimits(), maxTasks: 4 } });
    const created = await runRow(runId);
    expect(created?.leaseOwner).toBe(executorId());
    await beat();
    expect(Number((await runRow(runId))?.leaseUntil)).toBeGreaterThanOrEqual(Number(created?.leaseUntil));
    await activeRuns().get(runId)?.done;
    expect(await runRow(runId)).toMatchObject({ leaseOwner: null, leaseUntil: null, status: "succeeded" });
  });

  it("an executor that lost its lease stops appending; the run's log stays gap-free", async () => {
    const { runId } = await startRun({ document: makeDocument("Taken over."), request: "r" });
    await untilStalled(runId);
    // Another executor takes the run over (as if this one had missed its renewals).
    await sqlDatabase().execute(`UPDATE "Run" SET "leaseOwner" = 'other-executor', "leaseUntil" = ? WHERE "id" = ?`, [Date.now() + 60_000, runId]);
    await beat();
    await activeRuns().get(runId)?.done;
    const stored = await listEvents(runId);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.some((e) => e.type === "run-end" || e.type === "run-cancel")).toBe(false); // nothing after the take-over
    expect((await runRow(runId))?.leaseOwner).toBe("other-executor"); // its lease was not released by the loser
    // The run has stopped here (done) and everything it queued is written: nothing more comes.
    await eventWriter().flush();
    expect(await listEvents(runId)).toHaveLength(stored.length);
  });

  it("adopts only runs whose lease expired, and resumes them from the log", async () => {
    const { runId } = await startRun({ document: makeDocument("Orphaned."), request: "r" });
    await untilStalled(runId);
    // Simulate the executor dying: this process forgets the run, another executor's lease remains.
    await sqlDatabase().execute(`UPDATE "Run" SET "leaseOwner" = 'dead-executor', "leaseUntil" = ? WHERE "id" = ?`, [Date.now() + 60_000, runId]);
    await beat();
    await activeRuns().get(runId)?.done;
    expect(await adoptOrphans()).not.toContain(runId); // lease still live: not ours to take
    await sqlDatabase().execute(`UPDATE "Run" SET "leaseUntil" = ? WHERE "id" = ?`, [Date.now() - 1, runId]);
    expect(await adoptOrphans()).toContain(runId);
    await activeRuns().get(runId)?.done;
    const log = await listEvents(runId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((e) => e.type === "run-resume")).toHaveLength(1);
    expect(log.at(-1)?.type).toBe("run-end");
  });

  it("a cancel request left in the database reaches the executor on its next heartbeat", async () => {
    const { runId } = await startRun({ document: makeDocument("Cancel from elsewhere."), request: "r" });
    await untilStalled(runId);
    await sqlDatabase().execute(`UPDATE "Run" SET "cancelRequest" = 'Canceled on another server.' WHERE "id" = ?`, [runId]);
    await beat();
    await activeRuns().get(runId)?.done;
    const log = await listEvents(runId);
    expect(log.at(-1)).toMatchObject({ type: "run-cancel", reason: "Canceled on another server." });
    expect(await cancelRun(runId)).toBe(false); // already ended
  });
});
