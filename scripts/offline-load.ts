/**
 * Puts a built server under offline-analysis load and measures how it keeps serving: N runs of
 * `mb` MB of real text at once, `GET /api/health` polled one request after another until every
 * run has ended, and the CPU time the server's main threads spent next to all its threads
 * (Linux /proc, per thread). Shared by the system test and `npm run bench:offline-load`.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { RunEvent } from "../lib/engine/events";
import type { ServerProcess } from "./server-process";
import { followRun } from "./sse-client";

export type LoadResult = {
  runs: Array<{ runId: string; status: string }>;
  healthMs: number[];
  /** HTTP status of each health check, in order. */
  healthStatuses: number[];
  /** CPU seconds of the server processes' main threads (the event loops) during the load. */
  mainThreadCpuS: number;
  /** CPU seconds of every thread of the server processes (analysis threads included). */
  totalCpuS: number;
  wallS: number;
};

const FIXTURES = ["gpl-3.0.txt", "mpl-2.0.txt", "apache-2.0.txt", "contract.txt", "report.md", "kinds/specification.md", "kinds/manual.md"];

/** About `mb` MB of real text; `variant` makes each document distinct (its own hash, its own run). */
export function loadText(mb: number, variant: number): string {
  const parts = FIXTURES.map((f) => readFileSync(path.join("tests", "fixtures", f), "utf8"));
  const chunks = [`Load document ${variant}.`];
  let length = 0;
  for (let i = variant; length < mb * 1_000_000; i++) {
    const part = parts[i % parts.length] as string;
    chunks.push(part);
    length += part.length + 2;
  }
  return chunks.join("\n\n");
}

const CLOCK_TICKS = 100; // USER_HZ on Linux (sysconf(_SC_CLK_TCK)); /proc reports CPU time in these

/** utime + stime in seconds from a /proc stat line ("pid (comm) state ppid pgrp … utime stime …"). */
function cpuSeconds(stat: string): { pgrp: number; cpu: number } {
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { pgrp: Number(rest[2]), cpu: (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS };
}

function readStat(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined; // the process or thread has exited
  }
}

/** CPU seconds of every process in the server's process group: all threads, and main threads only. */
export function groupCpu(pgid: number): { main: number; total: number } {
  let main = 0;
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    const stat = readStat(`/proc/${pid}/stat`);
    if (!stat || cpuSeconds(stat).pgrp !== pgid) continue;
    total += cpuSeconds(stat).cpu; // includes the threads that have already exited
    const mainStat = readStat(`/proc/${pid}/task/${pid}/stat`);
    if (mainStat) main += cpuSeconds(mainStat).cpu;
  }
  return { main, total };
}

export async function offlineLoad(server: ServerProcess, options: { runs: number; mb: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const headers = options.headers ?? {};
  const pgid = server.child.pid as number;
  const before = groupCpu(pgid);
  const started = Date.now();
  const runIds = await Promise.all(
    Array.from({ length: options.runs }, async (_, i) => {
      const form = new FormData();
      form.set("file", new File([loadText(options.mb, i)], `load-${i}.txt`, { type: "text/plain" }));
      const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers });
      if (!res.ok) throw new Error(`POST /api/runs: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { runId: string }).runId;
    }),
  );
  let open = runIds.length;
  const finished = Promise.all(
    runIds.map(async (runId) => {
      let status = "unknown";
      await followRun({
        url: server.url,
        runId,
        headers,
        onEvent: ({ event }: { event: RunEvent }) => {
          if (event.type === "run-end") status = event.status;
        },
      });
      open--;
      return { runId, status };
    }),
  );
  const healthMs: number[] = [];
  const healthStatuses: number[] = [];
  while (open > 0) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/health`, { headers });
    await res.arrayBuffer();
    healthMs.push(performance.now() - t0);
    healthStatuses.push(res.status);
    await new Promise((r) => setTimeout(r, 50));
  }
  const runs = await finished;
  const after = groupCpu(pgid);
  return { runs, healthMs, healthStatuses, mainThreadCpuS: after.main - before.main, totalCpuS: after.total - before.total, wallS: (Date.now() - started) / 1000 };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
