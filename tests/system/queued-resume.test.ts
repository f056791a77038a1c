import { chromium, type Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { removeTempDatabases, startServer, type ServerProcess } from "@/scripts/server-process";
import { postRun, waitFor, watchUntil } from "@/scripts/sse-client";
import { chromiumLaunchOptions } from "../support/chromium";

/**
 * A run resumed after a restart that has to wait for a slot (FOREMAN_MAX_ACTIVE_RUNS) is shown as
 * "Queued" — in its log (`run-queued`), the API, the run page and the history — like a new run,
 * and carries on once a slot frees.
 */
const servers: ServerProcess[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.kill("SIGKILL")));
  removeTempDatabases();
});

async function start(options: { databaseUrl?: string; maxActiveRuns: string; stall: string }): Promise<ServerProcess> {
  const server = await startServer({
    env: { FOREMAN_BACKEND: "scripted", FOREMAN_MAX_ACTIVE_RUNS: options.maxActiveRuns, FOREMAN_SCRIPTED_STALL_TASKS: options.stall, FOREMAN_LEASE_MS: "3000", FOREMAN_HEARTBEAT_MS: "300" },
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  servers.push(server);
  return server;
}

const statusOf = async (server: ServerProcess, id: string) => ((await (await fetch(`${server.url}/api/runs/${id}`)).json()) as { status: string }).status;
const startedStalled = (seen: RunEvent[]) => seen.some((e) => e.type === "task-start" && e.taskId !== "t1");

describe("resumed runs waiting for a slot", () => {
  it("show as Queued until a slot frees, then resume", async () => {
    // Two runs in flight (the scripted plan is t1 → t2…t5 → t6; t2–t5 never answer here), then kill -9.
    const first = await start({ maxActiveRuns: "2", stall: "t2,t3,t4,t5" });
    const ids = [await postRun(first.url, "First document to be resumed. ".repeat(10)), await postRun(first.url, "Second document to be resumed. ".repeat(10))];
    for (const id of ids) await watchUntil(first.url, id, startedStalled);
    await first.kill("SIGKILL");

    // One slot now: one run resumes (and then waits on t6 until canceled), the other waits for the slot.
    const second = await start({ databaseUrl: first.databaseUrl, maxActiveRuns: "1", stall: "t6" });
    let queued = "";
    await waitFor(async () => {
      const statuses = await Promise.all(ids.map((id) => statusOf(second, id)));
      queued = ids[statuses.indexOf("pending")] ?? "";
      return queued !== "" && statuses.filter((s) => s === "running").length === 1;
    }, "one run resumed and the other queued");
    const running = ids.find((id) => id !== queued) as string;
    const queuedLog = await watchUntil(second.url, queued, (seen) => seen.some((e) => e.type === "run-queued"));
    expect(queuedLog.at(-1)?.type).toBe("run-queued");
    expect(queuedLog.filter((e) => e.type === "run-resume")).toHaveLength(0);

    // The run page and the history say "Queued" for it.
    browser = await chromium.launch(chromiumLaunchOptions());
    const page = await browser.newPage();
    await page.goto(`${second.url}/runs/${queued}`);
    await expect(page.getByText("Queued", { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.goto(`${second.url}/runs`);
    const row = page.locator("tr", { has: page.locator(`a[href="/runs/${queued}"]`) });
    await expect(row.getByText("Queued", { exact: true }).isVisible()).resolves.toBe(true);

    // Canceling the running one frees the slot: the queued run resumes.
    const cancel = await fetch(`${second.url}/api/runs/${running}/cancel`, { method: "POST", headers: { authorization: "Bearer script" } });
    expect(cancel.status).toBe(200);
    const resumed = await watchUntil(second.url, queued, (seen) => seen.some((e) => e.type === "run-resume"));
    const queuedAt = resumed.findIndex((e) => e.type === "run-queued");
    expect(resumed.slice(queuedAt + 1)[0]?.type).toBe("run-resume");
    await waitFor(async () => (await statusOf(second, queued)) === "running", "the queued run to run again");
  });
});
