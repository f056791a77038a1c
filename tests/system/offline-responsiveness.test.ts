import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineLoad, percentile, type LoadResult } from "@/scripts/offline-load";
import { startServer, type ServerProcess } from "@/scripts/server-process";

/**
 * Three offline runs of 1 MB documents at once against the built server (the ten 5 MB runs of
 * issue 11's target are `npm run bench:offline-load`: too long for CI on two cores). What must hold whatever
 * the machine's load: every run finishes, and the analysis runs on worker threads — the server's
 * event loops spend a small share of the CPU the server uses (analysed on the main thread, that
 * share would be nearly all of it). The health p99 is reported here and by
 * `npm run bench:offline-load`, not asserted: on a shared 2-core CI machine a wall-clock figure
 * measures the neighbours as much as Foreman.
 */
const RUNS = 3;
const MB = 1;
let server: ServerProcess;
let load: LoadResult;
const headers = { authorization: "Bearer script" };

beforeAll(async () => {
  server = await startServer({ env: { FOREMAN_BACKEND: "offline" } });
  load = await offlineLoad(server, { runs: RUNS, mb: MB, headers });
  console.log(
    `offline load: ${load.runs.length} runs × ${MB} MB in ${load.wallS.toFixed(0)} s; health p50 ${percentile(load.healthMs, 50).toFixed(0)} ms, p99 ${percentile(load.healthMs, 99).toFixed(0)} ms over ${load.healthMs.length} requests; main-thread CPU ${load.mainThreadCpuS.toFixed(1)} s of ${load.totalCpuS.toFixed(1)} s`,
  );
}, 300_000);

afterAll(async () => {
  await server?.kill("SIGKILL");
});

describe("the server stays responsive while offline runs execute", () => {
  it("finishes every run", () => {
    expect(load.runs.map((r) => r.status)).toEqual(Array.from({ length: RUNS }, () => "succeeded"));
  });

  it("keeps the analysis off the event loop: the main threads use under half of the server's CPU", () => {
    // CPU time, not wall time, so the machine's other load does not move the ratio. Measured:
    // ~0.28 (uploads, ingestion and the run log are main-thread work); analysing on the main
    // thread puts it above 0.9.
    expect(load.totalCpuS).toBeGreaterThan(0);
    expect(load.mainThreadCpuS / load.totalCpuS).toBeLessThan(0.5);
  });

  it("answered every health check while the runs worked", () => {
    expect(load.healthStatuses.length).toBeGreaterThan(0);
    expect(load.healthStatuses.filter((status) => status !== 200)).toEqual([]);
  });
});
