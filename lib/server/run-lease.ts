import "server-only";
import { randomUUID } from "node:crypto";
import { FINAL_RUN_STATUSES } from "../engine/run-state";
import { databaseProvider, sqlDatabase } from "./db";
import { env } from "./env";
import { processSingleton } from "./global-singleton";

/**
 * Leases: a run being executed carries `leaseOwner` (the executor's id) and `leaseUntil` (epoch
 * ms). The owner renews every lease it holds on each heartbeat; another executor may claim a run
 * only when it has no owner or its lease has expired (the owner died or lost the database). The
 * event writer refuses to append for runs whose lease this executor no longer holds.
 */

/** This process's executor id: a fresh one per process, so a restarted server owns nothing. */
export function executorId(): string {
  return processSingleton("executor-id", () => randomUUID());
}

const FINAL = [...FINAL_RUN_STATUSES];
const FINAL_LIST = FINAL.map(() => "?").join(", ");

/** Takes the run's lease if it is free, expired or already ours. Resolves true when we hold it. */
export async function claimLease(runId: string, now = Date.now()): Promise<boolean> {
  const changed = await sqlDatabase().execute(
    `UPDATE "Run" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" = ? AND ("leaseOwner" IS NULL OR "leaseOwner" = ? OR "leaseUntil" < ?)`,
    [executorId(), now + env().FOREMAN_LEASE_MS, runId, executorId(), now],
  );
  return changed === 1;
}

/** Gives the lease up (the run ended or stopped here); its cancel request is spent with it. */
export async function releaseLease(runId: string): Promise<void> {
  await sqlDatabase().execute(`UPDATE "Run" SET "leaseOwner" = NULL, "leaseUntil" = NULL, "cancelRequest" = NULL WHERE "id" = ? AND "leaseOwner" = ?`, [runId, executorId()]);
}

/**
 * Renews every lease this executor holds. Returns the runs it still holds, each with the cancel
 * request another process left for it (null when none).
 */
export async function renewLeases(now = Date.now()): Promise<Map<string, string | null>> {
  const rows = await sqlDatabase().query(`UPDATE "Run" SET "leaseUntil" = ? WHERE "leaseOwner" = ? RETURNING "id", "cancelRequest"`, [now + env().FOREMAN_LEASE_MS, executorId()]);
  return new Map(rows.map((r) => [String(r.id), r.cancelRequest === null || r.cancelRequest === undefined ? null : String(r.cancelRequest)]));
}

/**
 * Unfinished runs nobody holds a live lease on (their executor died, or never started them). A
 * run awaiting approval is not one: it waits for a person, not for an executor.
 */
export async function orphanedRuns(now = Date.now(), createdBefore?: number): Promise<string[]> {
  const created = createdBefore === undefined ? "" : ` AND "createdAt" < ?`;
  const rows = await sqlDatabase().query(
    `SELECT "id" FROM "Run" WHERE "status" NOT IN (${FINAL_LIST}, 'awaiting-approval') AND ("leaseOwner" IS NULL OR "leaseUntil" < ?)${created} ORDER BY "createdAt"`,
    [...FINAL, now, ...(createdBefore === undefined ? [] : [new Date(createdBefore).toISOString()])],
  );
  return rows.map((r) => String(r.id));
}

/** Whether some executor holds a live lease on the run (it is executing somewhere). */
export async function leaseHeld(runId: string, now = Date.now()): Promise<boolean> {
  const rows = await sqlDatabase().query(`SELECT 1 AS "held" FROM "Run" WHERE "id" = ? AND "leaseOwner" IS NOT NULL AND "leaseUntil" >= ?`, [runId, now]);
  return rows.length > 0;
}

/** PostgreSQL channel on which a stored cancel request wakes the run's executor (payload `{ runId }`). */
export const CANCEL_CHANNEL = "foreman_cancel";

/**
 * Asks the run's executor, wherever it is, to cancel the run: the request is stored on the run;
 * on PostgreSQL a NOTIFY on CANCEL_CHANNEL makes the executor read it at once (cancel-listener.ts),
 * and in any case its next heartbeat reads it (the fallback, and the only way on SQLite). Returns
 * false when the run does not exist or has already ended.
 */
export async function requestCancel(runId: string, reason: string): Promise<boolean> {
  const changed = await sqlDatabase().execute(`UPDATE "Run" SET "cancelRequest" = ? WHERE "id" = ? AND "status" NOT IN (${FINAL_LIST})`, [reason, runId, ...FINAL]);
  if (changed > 0 && databaseProvider() === "postgresql") await sqlDatabase().query(`SELECT pg_notify(?, ?)`, [CANCEL_CHANNEL, JSON.stringify({ runId })]);
  return changed > 0;
}

/** The cancel request waiting for a run, if any (read when an executor takes the run). */
export async function pendingCancel(runId: string): Promise<string | undefined> {
  const rows = await sqlDatabase().query(`SELECT "cancelRequest" FROM "Run" WHERE "id" = ?`, [runId]);
  const value = rows[0]?.cancelRequest;
  return typeof value === "string" ? value : undefined;
}

/** Unfinished runs whose executor's lease expired: it died (or lost the database) and nobody has taken them over yet. */
export async function expiredLeaseCount(now = Date.now()): Promise<number> {
  const rows = await sqlDatabase().query(`SELECT COUNT(*) AS "n" FROM "Run" WHERE "status" NOT IN (${FINAL_LIST}) AND "leaseOwner" IS NOT NULL AND "leaseUntil" < ?`, [...FINAL, now]);
  return Number(rows[0]?.n ?? 0);
}
