import { chromium, type Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { followRun } from "@/scripts/sse-client";
import { chromiumLaunchOptions } from "../support/chromium";

const servers: ServerProcess[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.kill("SIGKILL")));
});

async function start(options: { databaseUrl?: string; port?: number; stall?: string } = {}) {
  const { stall, ...rest } = options;
  const server = await startServer({
    // The scripted plan is t1 → t2…t5 → t6. On the first server the middle tasks' first attempts
    // never answer, so whenever the kill lands, t1 has ended and others are surely in flight.
    env: { FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "300", FOREMAN_CONCURRENCY: "2", FOREMAN_LEASE_MS: "3000", FOREMAN_HEARTBEAT_MS: "300", ...(stall ? { FOREMAN_SCRIPTED_STALL_TASKS: stall } : {}) },
    ...rest,
  });
  servers.push(server);
  return server;
}

describe("a run survives kill -9 of its server", () => {
  it("resumes from the log: one plan, ended tasks not redone, in-flight tasks re-sent once", async () => {
    const first = await start({ stall: "t2,t3,t4,t5" });
    const form = new FormData();
    form.set("text", "A document whose run will be interrupted. ".repeat(10));
    const { runId } = (await (await fetch(`${first.url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } })).json()) as { runId: string };

    // A user is watching the run in a browser; the page must carry on by itself across the crash.
    browser = await chromium.launch(chromiumLaunchOptions());
    const page = await browser.newPage();
    await page.goto(`${first.url}/runs/${runId}`);
    await page.locator('[data-node-button^="task:"]').first().waitFor();

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
    const second = await start({ databaseUrl: first.databaseUrl, port: first.port });
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

    // The page, never reloaded, reconnected and shows the finished run.
    const progress = page.getByRole("progressbar", { name: "Tasks finished" }).locator("..");
    await progress.getByText("Succeeded", { exact: true }).waitFor({ timeout: 30_000 });
    // Each task node's status line (its accessible name is its visible text).
    const statuses = await page.locator('[data-node-button^="task:"] [data-testid="node-status"]').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status).toMatch(/^Succeeded/); // "Succeeded · attempt 2" for re-sent tasks
  });
});
