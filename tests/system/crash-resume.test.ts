import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { followRun } from "@/scripts/sse-client";

const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill("SIGKILL")));
});

async function start(databaseUrl?: string) {
  const server = await startServer({
    env: { FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "1500", FOREMAN_CONCURRENCY: "2" },
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  servers.push(server);
  return server;
}

describe("a run survives kill -9 of its server", () => {
  it("resumes from the log: one plan, ended tasks not redone, in-flight tasks re-sent once", async () => {
    const first = await start();
    const form = new FormData();
    form.set("text", "A document whose run will be interrupted. ".repeat(10));
    const { runId } = (await (await fetch(`${first.url}/api/runs`, { method: "POST", body: form })).json()) as { runId: string };

    // Follow live until one task has ended and others are in flight, then kill the server hard.
    const controller = new AbortController();
    const seen: RunEvent[] = [];
    await followRun({
      url: first.url,
      runId,
      signal: controller.signal,
      onEvent: ({ event }) => {
        seen.push(event);
        const ended = seen.filter((e) => e.type === "task-end").length;
        const started = seen.filter((e) => e.type === "task-start").length;
        if (ended >= 1 && started > ended) controller.abort();
      },
    });
    await first.kill("SIGKILL");

    // Restart on the same database: the run carries on by itself; the browser-style client reconnects.
    const second = await start(first.databaseUrl);
    const rest = await followRun({ url: second.url, runId, after: 0 });
    expect(rest.ended).toBe(true);
    const log = rest.events.map((e) => e.event);

    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1)); // nothing lost, nothing twice
    expect(log.filter((e) => e.type === "plan-end")).toHaveLength(1);
    const resumeAt = log.findIndex((e) => e.type === "run-resume");
    expect(log.filter((e) => e.type === "run-resume")).toHaveLength(1);
    // What the log held at the crash decides what had ended and what was in flight.
    const beforeCrash = log.slice(0, resumeAt);
    const endedBeforeCrash = new Set(beforeCrash.flatMap((e) => (e.type === "task-end" ? [e.taskId] : [])));
    const inFlight = new Set(beforeCrash.flatMap((e) => (e.type === "task-start" && !endedBeforeCrash.has(e.taskId) ? [e.taskId] : [])));
    expect(endedBeforeCrash.size).toBeGreaterThan(0);
    expect(inFlight.size).toBeGreaterThan(0);
    expect(log.at(-1)?.type).toBe("run-end");
    const starts = (id: string) => log.filter((e) => e.type === "task-start" && e.taskId === id).length;
    for (const id of endedBeforeCrash) expect(starts(id)).toBe(1);
    for (const id of inFlight) {
      expect(starts(id)).toBe(2);
      const attempts = log.flatMap((e) => (e.type === "task-start" && e.taskId === id ? [e.attempt] : []));
      expect(attempts).toEqual([1, 2]);
    }
    // What was stored before the crash is still there, unchanged.
    expect(log.slice(0, seen.length)).toEqual(seen);
  });
});
