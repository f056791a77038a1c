import "server-only";
import { randomUUID } from "node:crypto";
import { abortError } from "../engine/retry";
import { pauseJitterMs, type LimiterWait, type ModelCallLimiter } from "../llm/claude/call-limiter";
import type { Clock } from "../llm/claude/config";
import { REAL_CLOCK, processModelCallLimiter } from "../llm/claude/process-limiter";
import { sqlDatabase } from "./db";
import { env } from "./env";
import { hasProcessSingleton, processSingleton } from "./global-singleton";
import { executorId } from "./run-lease";
import type { SqlDatabase } from "./sql-database";

/** Any constant: the transaction-scoped advisory lock under which slots are counted and taken. */
const SLOT_LOCK = 7_214_015;

/**
 * The model-call limiter shared by every worker on one PostgreSQL database (issue 14), behind the
 * same interface as the in-process one (lib/llm/claude/call-limiter.ts):
 *
 * - **Slots**: at most `maxCalls` calls in flight across all processes. A slot is a row in
 *   "ModelCallSlot", taken in a transaction under an advisory lock (count live rows, insert if
 *   below the cap) and deleted on release. Its `expiresAt` is renewed by the owner's heartbeat
 *   (`renewSlots`), so the slots of a worker that died free themselves after `leaseMs`.
 * - **Pauses**: a rate limit seen by one worker (`pauseUntil`) is stored in "ModelPause" and
 *   honoured by all; `pausedUntil` answers from what this process last read (it is synchronous),
 *   refreshed on every acquire attempt.
 *
 * `local` (the process's own limiter) is taken first, so FOREMAN_MAX_MODEL_CALLS still caps this
 * process. Waiting callers poll every `pollMs`; there is no FIFO order across processes.
 */
export function createSharedCallLimiter(options: {
  database: SqlDatabase;
  owner: string;
  maxCalls: number;
  leaseMs: number;
  local: ModelCallLimiter;
  clock: Clock;
  pollMs?: number;
}): ModelCallLimiter & { renewSlots(): Promise<void> } {
  const { database, owner, clock } = options;
  const pollMs = options.pollMs ?? 100;
  const pauses = new Map<string, number>();

  const pausedUntil = (model: string): number | undefined => {
    const until = Math.max(pauses.get(model) ?? 0, options.local.pausedUntil(model) ?? 0);
    return until > clock.now() ? until : undefined;
  };

  const refreshPause = async (model: string) => {
    const rows = await database.query(`SELECT "untilMs" FROM "ModelPause" WHERE "model" = ?`, [model]);
    const until = Number(rows[0]?.untilMs ?? 0);
    if (until > (pauses.get(model) ?? 0)) pauses.set(model, until);
  };

  const takeSlot = async (model: string): Promise<string | undefined> => {
    const id = randomUUID();
    const now = clock.now();
    return database.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(?)`, [SLOT_LOCK]);
      await tx.run([{ sql: `DELETE FROM "ModelCallSlot" WHERE "expiresAt" < ?`, args: [now] }]);
      const rows = await tx.query(`SELECT COUNT(*) AS "n" FROM "ModelCallSlot"`);
      if (Number(rows[0]?.n ?? 0) >= options.maxCalls) return undefined;
      await tx.run([{ sql: `INSERT INTO "ModelCallSlot" ("id", "owner", "model", "expiresAt") VALUES (?, ?, ?, ?)`, args: [id, owner, model, now + options.leaseMs] }]);
      return id;
    });
  };

  return {
    pausedUntil,
    pauseUntil(model, untilMs) {
      options.local.pauseUntil(model, untilMs);
      if (untilMs > (pauses.get(model) ?? 0)) pauses.set(model, untilMs);
      void database
        .execute(`INSERT INTO "ModelPause" ("model", "untilMs") VALUES (?, ?) ON CONFLICT ("model") DO UPDATE SET "untilMs" = GREATEST("ModelPause"."untilMs", excluded."untilMs")`, [model, untilMs])
        .catch((error: unknown) => console.error("[foreman] could not share a rate-limit pause:", error instanceof Error ? error.message : error));
    },
    async acquire(model, { signal, onWait }) {
      const releaseLocal = await options.local.acquire(model, { signal, ...(onWait ? { onWait } : {}) });
      try {
        let waitingForSlot = false;
        for (;;) {
          if (signal.aborted) throw abortError(signal);
          await refreshPause(model);
          const until = pausedUntil(model);
          if (until !== undefined) {
            const sendAt = until + pauseJitterMs(until - clock.now(), clock.random);
            onWait?.({ reason: "rate_limit", untilMs: sendAt } satisfies LimiterWait);
            await clock.sleep(sendAt - clock.now(), signal);
            continue;
          }
          const slot = await takeSlot(model);
          if (slot) {
            let released = false;
            return () => {
              if (released) return;
              released = true;
              releaseLocal();
              void database.execute(`DELETE FROM "ModelCallSlot" WHERE "id" = ?`, [slot]).catch(() => undefined); // else it expires
            };
          }
          if (!waitingForSlot) onWait?.({ reason: "call_limit" });
          waitingForSlot = true;
          await clock.sleep(pollMs, signal);
        }
      } catch (error) {
        releaseLocal();
        throw error;
      }
    },
    async renewSlots() {
      await database.execute(`UPDATE "ModelCallSlot" SET "expiresAt" = ? WHERE "owner" = ?`, [clock.now() + options.leaseMs, owner]);
    },
  };
}

/**
 * This process's shared limiter (PostgreSQL): FOREMAN_MAX_MODEL_CALLS_SHARED calls across all
 * workers, FOREMAN_MAX_MODEL_CALLS in this process. Its slots are renewed by the executor heartbeat.
 */
export function processSharedCallLimiter(): ReturnType<typeof createSharedCallLimiter> {
  return processSingleton("shared-call-limiter", () =>
    createSharedCallLimiter({
      database: sqlDatabase(),
      owner: executorId(),
      maxCalls: env().FOREMAN_MAX_MODEL_CALLS_SHARED,
      leaseMs: env().FOREMAN_LEASE_MS,
      local: processModelCallLimiter(env().FOREMAN_MAX_MODEL_CALLS),
      clock: REAL_CLOCK,
    }),
  );
}

/** Renews this process's model-call slots, if it has a shared limiter (called by the heartbeat). */
export async function renewCallSlots(): Promise<void> {
  if (hasProcessSingleton("shared-call-limiter")) await processSharedCallLimiter().renewSlots();
}
