import "server-only";
import { db, sqlDatabase } from "./db";
import { databaseTarget } from "./database-url";
import { getEngineInfo } from "./engine";
import { env } from "./env";
import { executorId, expiredLeaseCount } from "./run-lease";
import { queueCounts } from "./run-queue";
import { usesQueue } from "./run-service";

/** How long a silent executor stays listed in the health report. */
const LISTED_FOR_MS = 10 * 60_000;

export type Executor = { id: string; role: string; host: string; pid: number; activeRuns: number; heartbeatAgeMs: number; alive: boolean };

export type Health = {
  ok: boolean;
  role: "all" | "web" | "worker";
  /** This process (pid) and its executor id (the owner named in the run leases it holds). */
  process: { pid: number; executor: string };
  database: { ok: boolean; kind: string; error?: string };
  engine: { backend: string; label: string };
  /** BullMQ job counts (PostgreSQL); `stalled`: unfinished runs whose executor's lease expired (it died) not yet taken over. */
  queue?: Record<string, number>;
  /** Executors (processes that execute runs) heard from in the last 10 minutes; `alive` while their heartbeat is within one lease period. */
  executors?: Executor[];
};

/**
 * The /api/health report: this process's role, the database, the engine, and — when the
 * database answers — the run queue's counts and every executor's heartbeat. `ok` is false when
 * the database cannot be read. Names no path and no key (it is public).
 */
export async function health(): Promise<Health> {
  const settings = env();
  const kind = databaseTarget(settings.DATABASE_URL)?.kind ?? "unknown";
  const database = await db()
    .$queryRawUnsafe("SELECT 1")
    .then(() => ({ ok: true as const, kind }))
    .catch((error: unknown) => ({ ok: false as const, kind, error: String(error instanceof Error ? error.message : error).split("\n")[0]?.slice(0, 120) }));
  const { backend, label } = getEngineInfo();
  const base = { ok: database.ok, role: settings.FOREMAN_ROLE, process: { pid: process.pid, executor: executorId() }, database, engine: { backend, label } };
  if (!database.ok) return base;
  const now = Date.now();
  const rows = await sqlDatabase().query(`SELECT "id", "role", "host", "pid", "activeRuns", "heartbeatAt" FROM "Executor" WHERE "heartbeatAt" > ? ORDER BY "heartbeatAt" DESC`, [now - LISTED_FOR_MS]);
  const executors = rows.map((r) => {
    const heartbeatAgeMs = Math.max(0, now - Number(r.heartbeatAt));
    return { id: String(r.id), role: String(r.role), host: String(r.host), pid: Number(r.pid), activeRuns: Number(r.activeRuns), heartbeatAgeMs, alive: heartbeatAgeMs <= settings.FOREMAN_LEASE_MS };
  });
  const queue = usesQueue() ? { ...(await queueCounts()), stalled: await expiredLeaseCount(now) } : undefined;
  return { ...base, ...(queue ? { queue } : {}), executors };
}
