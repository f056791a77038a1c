import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { followRun, postRun as post, watchUntil } from "@/scripts/sse-client";

/** Two `npm start` on one SQLite database: a run is executed by one of them at a time, never both. */
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill("SIGKILL")));
});

type Call = { kind: string; documentSha256: string; taskId?: string; attempt?: number; pid: number };

// The scripted plan is t1 → t2…t5 → t6. Server A stalls t5's first attempt until it is aborted, so
// a run on A with all six tasks is deterministically in flight for the cancel and the kill; the
// first run is limited to four tasks (no t5) and ends on A by itself.
async function start(callLog: string, options: { databaseUrl?: string; stall?: string } = {}) {
  const server = await startServer({
    env: {
      FOREMAN_BACKEND: "scripted",
      FOREMAN_SCRIPTED_LATENCY_MS: "700",
      FOREMAN_CONCURRENCY: "2",
      FOREMAN_LEASE_MS: "6000",
      FOREMAN_HEARTBEAT_MS: "500",
      FOREMAN_SCRIPTED_CALL_LOG: callLog,
      ...(options.stall ? { FOREMAN_SCRIPTED_STALL_TASKS: options.stall } : {}),
    },
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  servers.push(server);
  return server;
}

const count = (seen: RunEvent[], type: RunEvent["type"]) => seen.filter((e) => e.type === type).length;
/** Some task started and has not ended. */
const inFlight = (seen: RunEvent[]) => count(seen, "task-start") > count(seen, "task-end") + count(seen, "task-error");
/** The stalled task t5 is in flight: it will not end until the run is canceled or its server dies. */
const stalledInFlight = (seen: RunEvent[]) => seen.some((e) => e.type === "task-start" && e.taskId === "t5");

describe("two servers on one SQLite database", () => {
  it("never both execute a run; cancel reaches the run from the other server; a dead server's run is taken over", async () => {
    const callLog = `/tmp/foreman-calls-${process.pid}-${Date.now()}.jsonl`;
    writeFileSync(callLog, "");
    const a = await start(callLog, { stall: "t5" });
    const first = await post(a.url, "The first document, executed by server A. ".repeat(5), { maxTasks: "4" });
    await watchUntil(a.url, first, inFlight);

    // B starts on the same database while A's run is in flight: it must leave the run to A.
    const b = await start(callLog, { databaseUrl: a.databaseUrl });
    expect(b.output()).not.toMatch(/resumed \d+ unfinished run/);

    // A run started on A and canceled through B.
    const second = await post(a.url, "The second document, canceled from server B. ".repeat(5));
    await watchUntil(a.url, second, stalledInFlight);
    const cancel = await fetch(`${b.url}/api/runs/${second}/cancel`, { method: "POST", headers: { authorization: "Bearer script" } });
    expect(await cancel.json()).toEqual({ canceled: true });
    const canceled = await followRun({ url: b.url, runId: second });
    expect(canceled.events.at(-1)?.event).toMatchObject({ type: "run-cancel", reason: "Canceled by the user." });

    const done = (await followRun({ url: b.url, runId: first })).events.map((e) => e.event);
    expect(done.map((e) => e.seq)).toEqual(done.map((_, i) => i + 1));
    expect(done.at(-1)?.type).toBe("run-end");
    expect(done.some((e) => e.type === "run-resume")).toBe(false); // A kept it throughout

    // A dies with a run in flight: B takes it over once A's lease expires, and finishes it.
    const third = await post(a.url, "The third document, whose server dies. ".repeat(5));
    const beforeCrash = await watchUntil(a.url, third, (seen) => seen.some((e) => e.type === "task-end") && stalledInFlight(seen));
    await a.kill("SIGKILL");
    const rest = (await followRun({ url: b.url, runId: third })).events.map((e) => e.event);
    expect(rest.map((e) => e.seq)).toEqual(rest.map((_, i) => i + 1));
    expect(rest.slice(0, beforeCrash.length)).toEqual(beforeCrash);
    expect(rest.filter((e) => e.type === "run-resume")).toHaveLength(1);
    expect(rest.at(-1)?.type).toBe("run-end");

    // The model calls, logged by both processes: no task call was ever made by both at once, each
    // run's plan was made once, and a task was called again only after A died (in flight then).
    const calls = readFileSync(callLog, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call);
    const bySha = new Map<string, Call[]>();
    for (const call of calls) bySha.set(call.documentSha256, [...(bySha.get(call.documentSha256) ?? []), call]);
    expect(bySha.size).toBe(3);
    for (const runCalls of bySha.values()) expect(runCalls.filter((c) => c.kind === "plan")).toHaveLength(1);
    const pids = new Set(calls.map((c) => c.pid));
    expect(pids.size).toBe(2); // A's server process, then B's for the third run only
    const pidsPerRun = [...bySha.values()].map((runCalls) => new Set(runCalls.map((c) => c.pid)).size).sort();
    expect(pidsPerRun).toEqual([1, 1, 2]);
    const endedBeforeCrash = new Set(beforeCrash.flatMap((e) => (e.type === "task-end" ? [e.taskId] : [])));
    const thirdCalls = [...bySha.values()].find((runCalls) => new Set(runCalls.map((c) => c.pid)).size === 2) ?? [];
    for (const taskId of endedBeforeCrash) expect(thirdCalls.filter((c) => c.kind === "work" && c.taskId === taskId)).toHaveLength(1);
    for (const [taskId, n] of countBy(thirdCalls.filter((c) => c.kind === "work").map((c) => c.taskId ?? ""))) expect(n, taskId).toBeLessThanOrEqual(2);
  });
});

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
