import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../support/temp-database";
import { makeDocument } from "../support/make-document";

const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "15" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { startRun, cancelRun, retryTask } = await import("@/lib/server/run-service");
const { activeRuns, eventWriter } = await import("@/lib/server/run-registry");
const { listEvents, getRunView, listRuns } = await import("@/lib/server/run-queries");
const { reduceRun } = await import("@/lib/engine/reduce-run");
const { db } = await import("@/lib/server/db");

async function finished(runId: string) {
  await activeRuns().get(runId)?.done;
  await eventWriter().flush();
}

beforeAll(async () => {
  expect(await applyMigrations({ url: temp.url })).toEqual(readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort());
});
afterAll(async () => {
  await Promise.all([...activeRuns().values()].map((r) => r.done));
  temp.cleanup();
});

describe("migrations", () => {
  it("are recorded and not applied twice", async () => {
    expect(await applyMigrations({ url: temp.url })).toEqual([]);
    const rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM _prisma_migrations`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe("run service", () => {
  it("stores every event in order and projects the final state into Run and Task rows", async () => {
    const { runId, created } = await startRun({ document: makeDocument("Alpha. Beta. Gamma."), request: "analyse" });
    expect(created).toBe(true);
    await finished(runId);

    const events = await listEvents(runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.type).toBe("run-start");
    expect(events.at(-1)?.type).toBe("run-end");

    const state = reduceRun(events);
    expect(state.status).toBe("succeeded");
    const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { tasks: true } });
    expect(run.status).toBe("succeeded");
    expect(run.taskCount).toBe(6);
    expect(run.lastSeq).toBe(events.length);
    expect(run.tasks.map((t) => t.status).sort()).toEqual(Array(6).fill("succeeded"));
    expect(run.inputTokens).toBe(state.usage.inputTokens);
  });

  it("keeps how the document was read (encoding, hidden passages) for the run page's viewer", async () => {
    const metadata = { encoding: { name: "windows-1252", source: "declared" as const }, hiddenPassages: 2 };
    const { runId } = await startRun({ document: makeDocument("Café.", { metadata }), request: "r" });
    await finished(runId);
    expect((await getRunView(runId))?.document.metadata).toEqual(metadata);
    const plain = await startRun({ document: makeDocument("No metadata."), request: "r" });
    await finished(plain.runId);
    expect((await getRunView(plain.runId))?.document.metadata).toBeUndefined();
  });

  it("replays events after a cursor with no gap", async () => {
    const { runId } = await startRun({ document: makeDocument("One two three."), request: "r" });
    await finished(runId);
    const all = await listEvents(runId);
    const tail = await listEvents(runId, 5);
    expect(tail).toEqual(all.slice(5));
  });

  it("starts one run for one idempotency key", async () => {
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([
      startRun({ document: makeDocument("Same."), request: "r", idempotencyKey: key }),
      startRun({ document: makeDocument("Same."), request: "r", idempotencyKey: key }),
    ]);
    expect(a.runId).toBe(b.runId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    await finished(a.runId);
    expect(await db().run.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("cancels a running run and keeps what it has", async () => {
    const { runId } = await startRun({ document: makeDocument("Slow."), request: "r" });
    // Cancel while a task is in flight.
    for (let i = 0; i < 200; i++) {
      await eventWriter().flush();
      if (Object.values(reduceRun(await listEvents(runId)).tasks).some((t) => t.status === "running")) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await cancelRun(runId)).toBe(true);
    await finished(runId);
    const view = await getRunView(runId);
    const state = reduceRun(view?.events ?? []);
    expect(state.status).toBe("canceled");
    expect(Object.values(state.tasks).map((t) => t.status)).toEqual(expect.arrayContaining(["canceled"]));
    expect(Object.values(state.tasks).every((t) => ["succeeded", "canceled", "skipped"].includes(t.status))).toBe(true);
  });

  it("re-runs one task and its dependents, keeping the earlier attempt", async () => {
    const { runId } = await startRun({ document: makeDocument("Retry me."), request: "r" });
    await finished(runId);
    const before = (await listEvents(runId)).length;
    await retryTask({ runId, taskId: "t2", description: "Look again" });
    await finished(runId);
    const after = (await listEvents(runId)).slice(before);
    expect(after[0]).toMatchObject({ type: "task-reset", taskIds: ["t2", "t6"], edited: { taskId: "t2", description: "Look again" } });
    expect(after.filter((e) => e.type === "task-start").map((e) => (e.type === "task-start" ? [e.taskId, e.attempt] : []))).toEqual([["t2", 2], ["t6", 2]]);
    expect(after.at(-1)?.type).toBe("run-end");
    const task = await db().task.findUniqueOrThrow({ where: { runId_taskId: { runId, taskId: "t2" } } });
    expect(task).toMatchObject({ description: "Look again", attempts: 2, status: "succeeded" });
    await expect(retryTask({ runId, taskId: "nope" })).rejects.toThrow('The run has no task "nope".');
  });

  it("lists runs newest first with search and filters", async () => {
    const page = await listRuns({ page: 1, pageSize: 2 });
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.rows).toHaveLength(2);
    const times = page.rows.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await listRuns({ status: "canceled", page: 1, pageSize: 10 })).rows.every((r) => r.status === "canceled")).toBe(true);
    expect((await listRuns({ q: "no-such-document", page: 1, pageSize: 10 })).total).toBe(0);
  });
});
