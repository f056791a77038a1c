/**
 * npm run bench:offline-load — health-check latency of the built server (`next build` first)
 * while ten offline runs of 5 MB documents execute: p50, p99 and max of `GET /api/health`, the
 * share of CPU the event loops used, and the wall time. Target: p99 < 200 ms.
 */
import { offlineLoad, percentile } from "../scripts/offline-load";
import { startServer } from "../scripts/server-process";

const runs = Number(process.env.RUNS ?? 10);
const mb = Number(process.env.MB ?? 5);
const server = await startServer({ env: { FOREMAN_BACKEND: "offline" } });
try {
  const load = await offlineLoad(server, { runs, mb, headers: { authorization: "Bearer script" } });
  const failed = load.runs.filter((r) => r.status !== "succeeded");
  console.log(`${runs} offline runs × ${mb} MB: ${load.wallS.toFixed(1)} s wall, ${failed.length} not succeeded`);
  console.log(`CPU: main threads ${load.mainThreadCpuS.toFixed(1)} s of ${load.totalCpuS.toFixed(1)} s (${((100 * load.mainThreadCpuS) / load.totalCpuS).toFixed(1)}%)`);
  console.log(`health over ${load.healthMs.length} requests: p50 ${percentile(load.healthMs, 50).toFixed(0)} ms, p99 ${percentile(load.healthMs, 99).toFixed(0)} ms, max ${Math.max(...load.healthMs).toFixed(0)} ms`);
  console.log(`health p99 under offline load: ${percentile(load.healthMs, 99).toFixed(0)} ms`);
} finally {
  await server.kill("SIGKILL");
}
