import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocument } from "../support/make-document";
import { freshPostgresUrl } from "../support/postgres";

// Foreman on PostgreSQL: runs are BullMQ jobs (its PostgreSQL backend, same database), executed by
// this process's queue worker under a lease; the event writer's PostgreSQL form stores the log.
// The scripted plan is t1 → t2…t(n-1) → tn. t6's first attempt stalls until aborted: the run to
// cancel (six tasks) is surely still going when canceled; the other runs have five tasks (no t6).
const database = freshPostgresUrl();
Object.assign(process.env, { DATABASE_URL: database.url, FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "30", FOREMAN_SCRIPTED_STALL_TASKS: "t6", FOREMAN_LEASE_MS: "10000", FOREMAN_HEARTBEAT_MS: "200", FOREMAN_WORKER_CONCURRENCY: "3" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { startRun, cancelRun, retryTask } = await import("@/lib/server/run-service");
const { startQueueWorker, closeQueue, queueCounts, runQueue } = await import("@/lib/server/run-queue");
const { listEvents, runStatus } = await import("@/lib/server/run-queries");
const { reduceRun } = await import("@/lib/engine/reduce-run");
const { isFinalRunStatus } = await import("@/lib/engine/run-state");
const { db, pgPool, sqlDatabase } = await import("@/lib/server/db");
const { heartbeat } = await import("@/lib/server/executor-heartbeat");
const { approvePlan } = await import("@/lib/server/plan-review");
const { defaultLimits } = await import("@/lib/server/engine");
const limits = { ...defaultLimits(), maxTasks: 5 };

async function untilFinal(runId: string): Promise<string> {
  for (;;) {
    const status = await runStatus(runId);
    if (status && isFinalRunStatus(status)) {
      const rows = await sqlDatabase().query(`SELECT "leaseOwner" FROM "Run" WHERE "id" = ?`, [runId]);
      if (rows[0]?.leaseOwner === null) return status; // the executor has let go of it too
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const applied = await applyMigrations({ url: database.url });
  expect(applied.length).toBeGreaterThan(0);
  startQueueWorker();
}, 60_000);
afterAll(async () => {
  await closeQueue();
  await pgPool().end();
  await database.drop();
});

describe("on PostgreSQL", () => {
  it("migrations are recorded and not applied twice", async () => {
    expect(await applyMigrations({ url: database.url })).toEqual([]);
  });

  it("a run is a queue job executed to its end; the log and its projections are stored", async () => {
    const { runId } = await startRun({ document: makeDocument("Alpha. Beta. Gamma."), request: "analyse", limits });
    expect(await untilFinal(runId)).toBe("succeeded");
    const events = await listEvents(runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.type).toBe("run-start");
    expect(events.at(-1)?.type).toBe("run-end");
    const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { tasks: true } });
    expect(run).toMatchObject({ status: "succeeded", taskCount: 5, lastSeq: events.length, inputTokens: reduceRun(events).usage.inputTokens });
    expect(run.tasks.map((t) => t.status)).toEqual(Array(5).fill("succeeded"));
    expect(run.endedAt?.toISOString()).toBe(reduceRun(events).endedAt);
    expect((await queueCounts()).completed).toBeGreaterThanOrEqual(1);
  });

  it("runs several jobs at once, each once", async () => {
    const runs = await Promise.all([1, 2, 3, 4].map((i) => startRun({ document: makeDocument(`Parallel ${i}.`), request: "r", limits })));
    for (const { runId } of runs) {
      expect(await untilFinal(runId)).toBe("succeeded");
      expect((await listEvents(runId)).filter((e) => e.type === "run-start")).toHaveLength(1);
    }
  });

  it("cancels a queued or running run", async () => {
    const { runId } = await startRun({ document: makeDocument("Cancel me."), request: "r" });
    for (;;) {
      if ((await listEvents(runId)).some((e) => e.type === "task-start" && e.taskId === "t6")) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await cancelRun(runId)).toBe(true);
    expect(await untilFinal(runId)).toBe("canceled");
    expect((await listEvents(runId)).at(-1)?.type).toBe("run-cancel");
  });

  it("re-runs one task through the queue", async () => {
    const { runId } = await startRun({ document: makeDocument("Retry me."), request: "r", limits });
    await untilFinal(runId);
    const before = (await listEvents(runId)).length;
    await retryTask({ runId, taskId: "t2", description: "Look again" });
    expect((await listEvents(runId))[before]).toMatchObject({ type: "task-reset", taskIds: ["t2", "t5"] }); // open again on return
    expect(await untilFinal(runId)).toBe("succeeded");
    const after = (await listEvents(runId)).slice(before);
    expect(after.filter((e) => e.type === "task-start").map((e) => (e.type === "task-start" ? [e.taskId, e.attempt] : []))).toEqual([["t2", 2], ["t5", 2]]);
    await expect(retryTask({ runId, taskId: "nope" })).rejects.toThrow('The run has no task "nope".');
  });

  it("a run stored but never queued (its web process died in between) is queued by a worker's heartbeat", async () => {
    const { runId } = await startRun({ document: makeDocument("Lost job."), request: "r", limits });
    await untilFinal(runId);
    // The same run as if the enqueue had never happened: a fresh run row sharing the document.
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    const orphan = crypto.randomUUID();
    await db().run.create({ data: { ...run, id: orphan, idempotencyKey: null, status: "pending", lastSeq: 0, taskCount: 0, startedAt: null, endedAt: null, reportJson: null, createdAt: new Date(Date.now() - 60_000), leaseOwner: null, leaseUntil: null, cancelRequest: null } });
    await heartbeat({ role: "worker", adoptOrphans: false });
    expect(await untilFinal(orphan)).toBe("succeeded");
    expect((await listEvents(orphan)).filter((e) => e.type === "run-start")).toHaveLength(1);
  });

  it("a plan approved in a web process is executed by a worker, carrying on from the decision", async () => {
    const { runId } = await startRun({ document: makeDocument("Review me."), request: "r", review: true, limits });
    for (;;) {
      if ((await runStatus(runId)) === "awaiting-approval" && (await sqlDatabase().query(`SELECT "leaseOwner" FROM "Run" WHERE "id" = ?`, [runId]))[0]?.leaseOwner === null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await approvePlan({ runId, by: "api" });
    expect(await untilFinal(runId)).toBe("succeeded");
    const log = await listEvents(runId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const approve = log.find((e) => e.type === "plan-approve");
    expect(await runQueue().getJob(`${runId}.${approve?.seq}`)).toBeTruthy(); // executed as a queue job, not in the approving process
    expect(log.some((e) => e.type === "run-resume")).toBe(false);
    expect(log.at(-1)?.type).toBe("run-end");
  });
});
