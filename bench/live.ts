/**
 * npm run bench:live [-- --runs 20 --latency 20] — starts the production server with the scripted
 * backend, starts N runs at once, follows every SSE stream, and prints events/s stored and
 * delivered, latency from event creation to arrival at the subscriber (p50/p95), and whether each
 * stream received exactly the stored sequence. Needs `npm run build` first.
 */
import { startServer } from "../scripts/server-process";
import { followRun, type ReceivedEvent } from "../scripts/sse-client";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const RUNS = arg("runs", 20);
const LATENCY_MS = arg("latency", 20);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const server = await startServer({ env: { FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: String(LATENCY_MS) } });
try {
  const started = Date.now();
  const runIds = await Promise.all(
    Array.from({ length: RUNS }, async (_, i) => {
      const form = new FormData();
      form.set("text", `Benchmark document ${i}. `.repeat(40));
      form.set("request", "benchmark");
      const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form });
      if (!res.ok) throw new Error(`start failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { runId: string }).runId;
    }),
  );
  const live = await Promise.all(runIds.map((runId) => followRun({ url: server.url, runId })));
  const elapsedS = (Date.now() - started) / 1000;

  // The stored log, replayed from the start once every run has ended.
  const stored = await Promise.all(runIds.map((runId) => followRun({ url: server.url, runId })));
  const exact = live.every((l, i) => {
    const got = l.events.map((e) => JSON.stringify(e.event));
    const want = (stored[i] as { events: ReceivedEvent[] }).events.map((e) => JSON.stringify(e.event));
    return l.ended && got.length === want.length && got.every((g, k) => g === want[k]);
  });
  const latencies = live.flatMap((l) => l.events.map((e) => e.receivedAt - Date.parse(e.event.at))).sort((a, b) => a - b);
  const storedCount = stored.reduce((n, s) => n + s.events.length, 0);
  const deliveredCount = live.reduce((n, l) => n + l.events.length, 0);

  console.log(`runs: ${RUNS} concurrent, scripted backend, ${LATENCY_MS} ms per task`);
  console.log(`events stored: ${storedCount} (${(storedCount / elapsedS).toFixed(0)} events/s)`);
  console.log(`events delivered: ${deliveredCount} (${(deliveredCount / elapsedS).toFixed(0)} events/s)`);
  console.log(`latency creation → subscriber: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${latencies.at(-1)} ms`);
  console.log(`every stream received exactly the stored sequence: ${exact ? "yes" : "NO"}`);
  if (!exact) process.exitCode = 1;
} finally {
  await server.kill();
}
