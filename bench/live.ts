/**
 * npm run bench:live [-- --runs 20 --latency 20 --stagger 0] — starts the production server with the scripted
 * backend, starts N runs at once, follows every SSE stream, and prints events/s stored and
 * delivered, latency from event creation to arrival at the subscriber (p50/p95), and whether each
 * stream received exactly the stored sequence. Needs `npm run build` first.
 */
import { isDeepStrictEqual } from "node:util";
import { startServer } from "../scripts/server-process";
import { followRun, type ReceivedEvent } from "../scripts/sse-client";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const RUNS = arg("runs", 20);
const LATENCY_MS = arg("latency", 20);
/** Pause between run starts; 0 starts them all at the same instant (a burst). */
const STAGGER_MS = arg("stagger", 0);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function startRun(i: number): Promise<string> {
  const form = new FormData();
  form.set("text", `Benchmark document ${i}. `.repeat(40));
  form.set("request", "benchmark");
  const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } });
  if (!res.ok) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { runId: string }).runId;
}

/** One run first, so the figures measure steady state, not the server's first requests. */
async function warmUp(): Promise<void> {
  await followRun({ url: server.url, runId: await startRun(-1) });
}

const server = await startServer({ env: { FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: String(LATENCY_MS) } });
try {
  await warmUp();
  const started = Date.now();
  // Each client starts its run and subscribes at once, as the browser does after the redirect.
  const live = await Promise.all(
    Array.from({ length: RUNS }, async (_, i) => {
      if (STAGGER_MS > 0) await new Promise((r) => setTimeout(r, i * STAGGER_MS));
      const runId = await startRun(i);
      return { runId, ...(await followRun({ url: server.url, runId })) };
    }),
  );
  const elapsedS = (Date.now() - started) / 1000;
  const runIds = live.map((l) => l.runId);

  // The stored log, replayed from the start once every run has ended.
  const stored = await Promise.all(runIds.map((runId) => followRun({ url: server.url, runId })));
  const exact = live.every((l, i) => {
    const want = (stored[i] as { events: ReceivedEvent[] }).events.map((e) => e.event);
    return l.ended && isDeepStrictEqual(l.events.map((e) => e.event), want);
  });
  const latencies = live.flatMap((l) => l.events.map((e) => e.receivedAt - Date.parse(e.event.at))).sort((a, b) => a - b);
  // Events created once the subscriber was connected: pure live delivery, without the replay of
  // the few events a run makes between its start and the client's subscription.
  const liveLatencies = live
    .flatMap((l) => l.events.filter((e) => Date.parse(e.event.at) >= l.connectedAt).map((e) => e.receivedAt - Date.parse(e.event.at)))
    .sort((a, b) => a - b);
  const storedCount = stored.reduce((n, s) => n + s.events.length, 0);
  const deliveredCount = live.reduce((n, l) => n + l.events.length, 0);

  console.log(`runs: ${RUNS}, started ${STAGGER_MS > 0 ? `${STAGGER_MS} ms apart` : "at once"}; scripted backend, ${LATENCY_MS} ms per task`);
  console.log(`events stored: ${storedCount} (${(storedCount / elapsedS).toFixed(0)} events/s)`);
  console.log(`events delivered: ${deliveredCount} (${(deliveredCount / elapsedS).toFixed(0)} events/s)`);
  console.log(`latency creation → subscriber, all events: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${latencies.at(-1)} ms`);
  console.log(`latency creation → subscriber, events created while subscribed (${liveLatencies.length}): p50 ${percentile(liveLatencies, 50)} ms, p95 ${percentile(liveLatencies, 95)} ms`);
  console.log(`every stream received exactly the stored sequence: ${exact ? "yes" : "NO"}`);
  if (!exact) {
    process.exitCode = 1;
    live.forEach((l, i) => {
      const want = (stored[i] as { events: ReceivedEvent[] }).events;
      if (!l.ended || l.events.length !== want.length) console.log(`  run ${l.runId}: ended=${l.ended}, received ${l.events.length}, stored ${want.length}`);
    });
    console.log(server.output().slice(-3000));
  }
} finally {
  await server.kill();
}
