import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgresUrl } from "../support/postgres";

// Two limiters with different owners on one database stand for two worker processes.
const database = freshPostgresUrl();
Object.assign(process.env, { DATABASE_URL: database.url });
const { applyMigrations } = await import("@/lib/server/migrate");
const { pgPool, sqlDatabase } = await import("@/lib/server/db");
const { createSharedCallLimiter } = await import("@/lib/server/shared-call-limiter");
const { createModelCallLimiter } = await import("@/lib/llm/claude/call-limiter");
const { REAL_CLOCK } = await import("@/lib/llm/claude/process-limiter");

type Wait = { reason: string; untilMs?: number };
const worker = (owner: string, leaseMs = 60_000) =>
  createSharedCallLimiter({
    database: sqlDatabase(),
    owner,
    maxCalls: 2,
    leaseMs,
    local: createModelCallLimiter({ maxCalls: 10, clock: REAL_CLOCK }),
    clock: REAL_CLOCK,
    pollMs: 20,
  });
const slots = async () => Number((await sqlDatabase().query(`SELECT COUNT(*) AS "n" FROM "ModelCallSlot"`))[0]?.n);
/** Resolves once `check` holds: tests wait for states, not for time. */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 5));
}

beforeAll(async () => {
  await applyMigrations({ url: database.url });
}, 60_000);
afterAll(async () => {
  await pgPool().end();
  await database.drop();
});

describe("model-call limiter shared by workers (PostgreSQL)", () => {
  it("caps calls across processes: a third caller waits until one of the two in flight ends", async () => {
    const a = worker("worker-a");
    const b = worker("worker-b");
    const signal = new AbortController().signal;
    const releaseA1 = await a.acquire("m", { signal });
    const releaseB1 = await b.acquire("m", { signal });
    expect(await slots()).toBe(2);
    const waits: Wait[] = [];
    let granted = false;
    const third = b.acquire("m", { signal, onWait: (w) => waits.push(w) }).then((release) => ((granted = true), release));
    await until(() => waits.length > 0);
    expect(waits[0]).toEqual({ reason: "call_limit" });
    expect(granted).toBe(false);
    releaseA1();
    const releaseB2 = await third;
    expect(await slots()).toBe(2);
    releaseB1();
    releaseB2();
    await until(async () => (await slots()) === 0);
  });

  it("frees the slots of a worker that died once their lease expires", async () => {
    const dead = worker("worker-dead");
    const signal = new AbortController().signal;
    await dead.acquire("m", { signal });
    await dead.acquire("m", { signal }); // never released: the process is gone
    const alive = worker("worker-alive");
    const waits: Wait[] = [];
    let granted = false;
    const acquired = alive.acquire("m", { signal, onWait: (w) => waits.push(w) }).then((release) => ((granted = true), release));
    await until(() => waits.length > 0);
    expect(waits).toEqual([{ reason: "call_limit" }]); // both slots are held, their lease still runs
    expect(granted).toBe(false);
    // The dead worker's heartbeat stopped: its slots' lease runs out (set here, not waited for).
    await sqlDatabase().execute(`UPDATE "ModelCallSlot" SET "expiresAt" = ? WHERE "owner" = ?`, [Date.now() - 1, "worker-dead"]);
    const release = await acquired;
    expect(granted).toBe(true);
    release();
  });

  it("a rate-limit pause seen by one worker holds every worker's calls to that model", async () => {
    const a = worker("worker-a");
    const b = worker("worker-b");
    const until = Date.now() + 300;
    a.pauseUntil("paused-model", until);
    await new Promise<void>((resolve) => {
      const check = async () => {
        const rows = await sqlDatabase().query(`SELECT "untilMs" FROM "ModelPause" WHERE "model" = 'paused-model'`);
        if (Number(rows[0]?.untilMs) === until) resolve();
        else setTimeout(() => void check(), 5);
      };
      void check();
    });
    const waits: Wait[] = [];
    const release = await b.acquire("paused-model", { signal: new AbortController().signal, onWait: (w) => waits.push(w) });
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(waits[0]?.reason).toBe("rate_limit");
    expect(waits[0]?.untilMs).toBeGreaterThanOrEqual(until);
    expect(b.pausedUntil("other-model")).toBeUndefined();
    release();
  });

  it("an aborted wait gives its local slot back and takes no shared one", async () => {
    const a = worker("worker-a");
    const signal = new AbortController().signal;
    const r1 = await a.acquire("m", { signal });
    const r2 = await a.acquire("m", { signal });
    const controller = new AbortController();
    const waits: Wait[] = [];
    const pending = a.acquire("m", { signal: controller.signal, onWait: (w) => waits.push(w) });
    await until(() => waits.length > 0);
    controller.abort("stop");
    await expect(pending).rejects.toThrow("stop");
    expect(await slots()).toBe(2);
    r1();
    r2();
  });
});
