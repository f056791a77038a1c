/**
 * npm run bench:scale [-- --runs 64 --latency 500 --concurrency 4] — Foreman on PostgreSQL with
 * one web process and 1, 2, then 4 worker processes of the built app (scripted backend with
 * long-tailed latency, a fixed per-worker concurrency): runs per minute for each (saturated: while
 * the queue still held runs, so every slot was busy; and the whole batch), then the
 * latency of live events from a worker's write to an SSE client on the web process (another
 * process), p50/p95. Needs `npm run build` first; starts a throw-away PostgreSQL when none runs
 * (scripts/ensure-postgres.sh), with a fresh database per measurement.
 */
import pg from "pg";
import { startServer, type ServerProcess } from "../scripts/server-process";
import { followRun, postRun } from "../scripts/sse-client";
import { freshPostgresUrl } from "../tests/support/postgres";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const RUNS = arg("runs", 64);
const LATENCY_MS = arg("latency", 500);
const CONCURRENCY = arg("concurrency", 4);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function cluster(workers: number) {
  const database = freshPostgresUrl("foreman_bench");
  const env = (role: string) => ({
    FOREMAN_ROLE: role,
    FOREMAN_BACKEND: "scripted",
    FOREMAN_SCRIPTED_LATENCY_MS: String(LATENCY_MS),
    FOREMAN_SCRIPTED_LATENCY_TAIL: "1",
    FOREMAN_WORKER_CONCURRENCY: String(CONCURRENCY),
    FOREMAN_PG_POOL_SIZE: "4",
  });
  // The web process first: it creates the database and migrates; the workers then start together.
  const web = await startServer({ databaseUrl: database.url, env: env("web") });
  const processes: ServerProcess[] = [web, ...(await Promise.all(Array.from({ length: workers }, () => startServer({ databaseUrl: database.url, env: env("worker") }))))];
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  return {
    web,
    sql,
    stop: async () => {
      await Promise.all(processes.map((p) => p.kill("SIGTERM")));
      await sql.end();
      await database.drop();
    },
  };
}

const startRun = (url: string, i: number): Promise<string> => postRun(url, `Scale benchmark document ${i}. `.repeat(30));

const FINAL = `status IN ('succeeded', 'partial', 'failed', 'canceled') AND "leaseOwner" IS NULL`;

/**
 * Waits until every run has ended. Also returns the saturated phase: from `started` until the
 * last run began executing (the queue ran dry), every worker slot was busy; `completed` runs had
 * ended by then. After it, the workers drain with slots idle.
 */
async function untilAllFinal(sql: pg.Client, runIds: string[], started = Date.now()): Promise<{ saturatedMs: number; completed: number }> {
  let saturated: { saturatedMs: number; completed: number } | undefined;
  for (;;) {
    const { rows } = await sql.query<{ begun: string; done: string }>(
      `SELECT COUNT(*) FILTER (WHERE "startedAt" IS NOT NULL) AS begun, COUNT(*) FILTER (WHERE ${FINAL}) AS done FROM "Run" WHERE id = ANY($1)`,
      [runIds],
    );
    const begun = Number(rows[0]?.begun);
    const done = Number(rows[0]?.done);
    if (!saturated && begun === runIds.length) saturated = { saturatedMs: Date.now() - started, completed: done };
    if (done === runIds.length) return saturated ?? { saturatedMs: Date.now() - started, completed: done };
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Runs per minute with `workers` worker processes, RUNS started at once: the saturated rate (runs
 * ended while every slot was busy — the steady state a busy cluster runs at) and the whole batch's
 * rate including the drain at the end. Returns the saturated rate.
 */
async function throughput(workers: number): Promise<number> {
  const c = await cluster(workers);
  try {
    // Warm up every worker (first requests, first queries) so the figure is steady state.
    const warm = await Promise.all(Array.from({ length: workers * CONCURRENCY }, (_, i) => startRun(c.web.url, -1 - i)));
    await untilAllFinal(c.sql, warm);
    const started = Date.now();
    const runIds = await Promise.all(Array.from({ length: RUNS }, (_, i) => startRun(c.web.url, i)));
    const { saturatedMs, completed } = await untilAllFinal(c.sql, runIds, started);
    const minutes = (Date.now() - started) / 60_000;
    const { rows } = await c.sql.query<{ status: string; n: string }>(`SELECT status, COUNT(*) AS n FROM "Run" WHERE id = ANY($1) GROUP BY status`, [runIds]);
    const saturatedRate = completed / (saturatedMs / 60_000);
    console.log(
      `${workers} worker(s) × concurrency ${CONCURRENCY}: saturated ${saturatedRate.toFixed(1)} runs/min (${completed} ended in ${(saturatedMs / 1000).toFixed(1)} s); ` +
        `whole batch ${(RUNS / minutes).toFixed(1)} runs/min (${RUNS} in ${(minutes * 60).toFixed(1)} s: ${rows.map((r) => `${r.n} ${r.status}`).join(", ")})`,
    );
    return saturatedRate;
  } finally {
    await c.stop();
  }
}

/** Live events written by a worker and received by an SSE client on the web process: ms from the event's creation to its arrival. */
async function crossProcessLatency(): Promise<number[]> {
  const c = await cluster(1);
  try {
    await untilAllFinal(c.sql, [await startRun(c.web.url, -1)]);
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const runId = await startRun(c.web.url, i);
        const { events, connectedAt } = await followRun({ url: c.web.url, runId });
        // Only events created after the client connected: live delivery, not the replay.
        for (const e of events) if (Date.parse(e.event.at) >= connectedAt) latencies.push(e.receivedAt - Date.parse(e.event.at));
      }),
    );
    return latencies.sort((a, b) => a - b);
  } finally {
    await c.stop();
  }
}

const rates = new Map<number, number>();
for (const workers of [1, 2, 4]) rates.set(workers, await throughput(workers));
const latencies = await crossProcessLatency();
console.log(`cross-process event latency over ${latencies.length} live events: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms`);
console.log(`scale 2 workers / 1 worker: ${((rates.get(2) ?? NaN) / (rates.get(1) ?? NaN)).toFixed(1)}`);
console.log(`scale 4 workers / 1 worker: ${((rates.get(4) ?? NaN) / (rates.get(1) ?? NaN)).toFixed(1)}`);
console.log(`cross-process event p95: ${percentile(latencies, 95)} ms`);
