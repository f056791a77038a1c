import { readFileSync, writeFileSync } from "node:fs";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { followRun, postRun, waitFor, watchUntil } from "@/scripts/sse-client";
import { freshPostgresUrl } from "../support/postgres";
import { redisServerUrl } from "../support/redis";

/**
 * The run queue in Redis (REDIS_URL: BullMQ's Redis backend) instead of PostgreSQL: a web process
 * and a worker of the built app; a run succeeds; a second worker takes over a run whose worker was
 * killed with SIGKILL mid-run, and resumes it from the log.
 */
const database = freshPostgresUrl("foreman_redis");
const redisUrl = redisServerUrl();
const prefix = `foreman:${new URL(database.url).pathname.slice(1)}`; // run-queue.ts: one prefix per database
const servers: ServerProcess[] = [];
const redis = new Redis(redisUrl, { lazyConnect: true });
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill("SIGKILL")));
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await database.drop();
});

type Call = { kind: string; documentSha256: string; taskId?: string; pid: number };
type Health = { role: string; queue?: Record<string, number> };

describe("the run queue in Redis", () => {
  it("a worker executes queued runs; a killed worker's run is taken over by another and ends succeeded", async () => {
    const callLog = `/tmp/foreman-redis-calls-${process.pid}-${Date.now()}.jsonl`;
    writeFileSync(callLog, "");
    // The scripted plan is t1 → t2…t5 → t6. Worker 1 stalls t3's first attempt until it dies, so
    // the second run is surely mid-run when worker 1 is killed; the first run (two tasks) has no t3.
    const env = (role: string, stall = "") => ({
      FOREMAN_ROLE: role,
      REDIS_URL: redisUrl,
      FOREMAN_BACKEND: "scripted",
      FOREMAN_SCRIPTED_LATENCY_MS: "300",
      FOREMAN_SCRIPTED_STALL_TASKS: stall,
      FOREMAN_SCRIPTED_CALL_LOG: callLog,
      FOREMAN_LEASE_MS: "4000",
      FOREMAN_HEARTBEAT_MS: "300",
      FOREMAN_PG_POOL_SIZE: "4",
    });
    const [web, worker1] = await Promise.all([startServer({ databaseUrl: database.url, env: env("web") }), startServer({ databaseUrl: database.url, env: env("worker", "t3") })]);
    if (!web || !worker1) throw new Error("a process did not start");
    servers.push(web, worker1);

    const first = await postRun(web.url, "The first document, queued in Redis. ".repeat(5), { maxTasks: "2" });
    const firstLog = await followRun({ url: web.url, runId: first });
    expect(firstLog.ended).toBe(true);
    expect(firstLog.events.at(-1)?.event).toMatchObject({ type: "run-end", status: "succeeded" });

    const second = await postRun(web.url, "The second document, whose worker is killed. ".repeat(5));
    const beforeKill = await watchUntil(web.url, second, (seen) => seen.some((e) => e.type === "task-start" && e.taskId === "t3"));
    const worker2 = await startServer({ databaseUrl: database.url, env: env("worker") });
    servers.push(worker2);
    await worker1.kill("SIGKILL");

    const log = (await followRun({ url: web.url, runId: second })).events.map((e) => e.event);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1)); // gap-free, no duplicate
    expect(log.slice(0, beforeKill.length)).toEqual(beforeKill);
    expect(log.filter((e) => e.type === "run-resume")).toHaveLength(1); // taken over, not started again
    expect(log.at(-1)).toMatchObject({ type: "run-end", status: "succeeded" });

    // Model calls: the plan once; a task that ended before the takeover, once; t3 (in flight) at most twice.
    const calls = readFileSync(callLog, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call);
    const sha = (events: RunEvent[]) => (events[0]?.type === "run-start" ? events[0].document.sha256 : "?");
    const secondCalls = calls.filter((c) => c.documentSha256 === sha(log));
    expect(secondCalls.filter((c) => c.kind === "plan")).toHaveLength(1);
    const resumeAt = log.findIndex((e) => e.type === "run-resume");
    const endedBefore = new Set(log.slice(0, resumeAt).flatMap((e) => (e.type === "task-end" ? [e.taskId] : [])));
    for (const taskId of new Set(secondCalls.flatMap((c) => (c.taskId ? [c.taskId] : [])))) {
      const n = secondCalls.filter((c) => c.kind === "work" && c.taskId === taskId).length;
      expect(n, taskId).toBeLessThanOrEqual(endedBefore.has(taskId) ? 1 : 2);
    }
    expect(new Set(secondCalls.map((c) => c.pid)).size).toBe(2); // worker 1, then worker 2

    // The jobs lived in Redis, under this database's prefix, and health reads the queue from there.
    await redis.connect();
    for (const runId of [first, second]) expect(await redis.exists(`${prefix}:foreman-runs:${runId}.0`), runId).toBe(1);
    // The second job completes just after the run's last event: wait for that state, not for time.
    const completed = async () => ((await (await fetch(`${web.url}/api/health`)).json()) as Health).queue?.completed ?? 0;
    await waitFor(async () => (await completed()) >= 2, "both jobs to be completed in Redis");
  }, 240_000); // three `next start`s and a lock expiry on a loaded machine
});
