import { readFileSync, writeFileSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { followRun, postRun as post, waitFor as until } from "@/scripts/sse-client";
import { freshPostgresUrl } from "../support/postgres";

/**
 * Scale-out on PostgreSQL: two web processes and two worker processes of the built app, runs
 * started through both web processes as BullMQ jobs, one worker killed with SIGKILL while tasks
 * are in flight. Its runs are handed to the other worker, which resumes them from the log.
 */
const database = freshPostgresUrl("foreman_scale");
const servers: ServerProcess[] = [];
let sql: pg.Client | undefined;
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill("SIGKILL")));
  await sql?.end();
  await database.drop();
});

type Call = { kind: string; documentSha256: string; taskId?: string; attempt?: number; pid: number };
type Health = { process: { pid: number; executor: string }; role: string; queue?: Record<string, number>; executors: { id: string; alive: boolean }[] };

const health = async (s: ServerProcess) => (await (await fetch(`${s.url}/api/health`)).json()) as Health;

describe("two web and two worker processes on PostgreSQL", () => {
  it("every run succeeds across a worker's SIGKILL; calls, logs and live streams hold; cancel works from the other web process", async () => {
    const callLog = `/tmp/foreman-scale-calls-${process.pid}-${Date.now()}.jsonl`;
    writeFileSync(callLog, "");
    // The scripted plan is t1 → t2…t(n-1) → tn. The ten runs have four tasks; worker 1 stalls t4's
    // first attempt until it dies, so it surely has a task in flight when killed. The run to cancel
    // has six; worker 2 stalls its t5 (the ten have none), so it is surely still going when canceled.
    const env = (role: string, stall = "") => ({
      FOREMAN_ROLE: role,
      FOREMAN_SCRIPTED_STALL_TASKS: stall,
      FOREMAN_BACKEND: "scripted",
      FOREMAN_SCRIPTED_LATENCY_MS: "900",
      FOREMAN_SCRIPTED_CALL_LOG: callLog,
      FOREMAN_CONCURRENCY: "2",
      FOREMAN_WORKER_CONCURRENCY: "6",
      FOREMAN_LEASE_MS: "6000",
      FOREMAN_HEARTBEAT_MS: "300",
      FOREMAN_PG_POOL_SIZE: "4",
    });
    // All four start at once: they migrate one at a time under an advisory lock.
    const [web1, web2, worker1, worker2] = await Promise.all(
      [env("web"), env("web"), env("worker", "t4"), env("worker", "t5")].map((e) => startServer({ databaseUrl: database.url, env: e })),
    );
    if (!web1 || !web2 || !worker1 || !worker2) throw new Error("a process did not start");
    servers.push(web1, web2, worker1, worker2);
    const w1 = await health(worker1);
    expect(w1.role).toBe("worker");
    expect((await health(web1)).queue).toMatchObject({ waiting: expect.any(Number), active: expect.any(Number), stalled: 0 });
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();

    // Ten runs through both web processes; an SSE client on each web process follows every run.
    const texts = Array.from({ length: 10 }, (_, i) => `Document number ${i} for the scale-out test. `.repeat(4));
    const runIds = await Promise.all(texts.map((text, i) => post((i % 2 === 0 ? web1 : web2).url, text, { maxTasks: "4" })));
    const streams = runIds.map((runId) => [web1, web2].map((web) => followRun({ url: web.url, runId })));

    // Kill worker 1 once it has finished a task and has others in flight.
    const ownedBy1 = async (status: string) =>
      Number((await sql!.query(`SELECT COUNT(*) AS n FROM "Task" t JOIN "Run" r ON r.id = t."runId" WHERE r."leaseOwner" = $1 AND t.status = $2`, [w1.process.executor, status])).rows[0].n);
    await until(async () => (await ownedBy1("succeeded")) >= 1 && (await ownedBy1("running")) >= 1, "worker 1 to have ended and in-flight tasks");
    await worker1.kill("SIGKILL");

    // A run started on web1 and canceled through web2, while it executes on the surviving worker.
    const canceledRun = await post(web1.url, "A document whose run is canceled from the other web process. ".repeat(3));
    await until(async () => (await sql!.query(`SELECT 1 FROM "Task" WHERE "runId" = $1 AND "taskId" = 't5' AND status = 'running'`, [canceledRun])).rowCount! > 0, "the run to cancel to start its stalled task");
    const cancel = await fetch(`${web2.url}/api/runs/${canceledRun}/cancel`, { method: "POST", headers: { authorization: "Bearer script" } });
    expect(await cancel.json()).toEqual({ canceled: true });
    const canceledLog = (await followRun({ url: web1.url, runId: canceledRun })).events.map((e) => e.event);
    expect(canceledLog.at(-1)).toMatchObject({ type: "run-cancel" });

    const received = await Promise.all(streams.map((pair) => Promise.all(pair)));
    const stored = async (runId: string) =>
      (await sql!.query<{ payload: string }>(`SELECT payload FROM "RunEvent" WHERE "runId" = $1 ORDER BY seq`, [runId])).rows.map((r) => JSON.parse(r.payload) as RunEvent);
    const calls = readFileSync(callLog, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call);
    let resumed = 0;
    for (const [i, runId] of runIds.entries()) {
      const log = await stored(runId);
      expect(log.map((e) => e.seq), `run ${i} gap-free`).toEqual(log.map((_, n) => n + 1));
      expect(log.at(-1)?.type, `run ${i} succeeded`).toBe("run-end");
      expect((await sql.query(`SELECT status FROM "Run" WHERE id = $1`, [runId])).rows[0].status).toBe("succeeded");
      for (const stream of received[i] ?? []) {
        expect(stream.ended).toBe(true);
        expect(stream.events.map((e) => e.event)).toEqual(log); // exactly the stored sequence, live, on each web process
      }
      // Model calls: a task that ended before a resume was called once; one in flight then, at most twice.
      const resumeAt = log.findIndex((e) => e.type === "run-resume");
      if (resumeAt >= 0) resumed++;
      const sha = log[0]?.type === "run-start" ? log[0].document.sha256 : undefined;
      const runCalls = calls.filter((c) => c.documentSha256 === sha);
      expect(runCalls.filter((c) => c.kind === "plan").length).toBeLessThanOrEqual(2);
      const endedBeforeResume = new Set(log.slice(0, resumeAt < 0 ? log.length : resumeAt).flatMap((e) => (e.type === "task-end" ? [e.taskId] : [])));
      const taskIds = new Set(runCalls.flatMap((c) => (c.taskId ? [c.taskId] : [])));
      for (const taskId of taskIds) {
        const n = runCalls.filter((c) => c.kind === "work" && c.taskId === taskId).length;
        expect(n, `${taskId} of run ${i}`).toBeLessThanOrEqual(endedBeforeResume.has(taskId) ? 1 : 2);
      }
    }
    expect(resumed).toBeGreaterThanOrEqual(1); // the killed worker's runs were taken over, not restarted
    const after = await health(web2);
    expect(after.queue?.stalled).toBe(0);
    expect(after.executors.find((e) => e.id === w1.process.executor)?.alive).toBe(false);
  }, 300_000); // four `next start`s and a lease expiry on a loaded machine
});
