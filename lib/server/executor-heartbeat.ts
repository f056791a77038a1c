import "server-only";
import { hostname } from "node:os";
import { ForemanError } from "../engine/errors";
import { sqlDatabase } from "./db";
import { env } from "./env";
import { processSingleton } from "./global-singleton";
import { startJob } from "./run-executor";
import { executorId, orphanedRuns, renewLeases } from "./run-lease";
import { enqueueRun } from "./run-queue";
import { activeRuns } from "./run-registry";
import { renewCallSlots } from "./shared-call-limiter";

/**
 * The executor's heartbeat, every FOREMAN_HEARTBEAT_MS: renews the leases of the runs this
 * process executes, stops those whose lease another executor took, delivers cancel requests left
 * by other processes, and records the heartbeat in the Executor table (for /api/health). With
 * `adoptOrphans` (the embedded mode, no queue), it also takes over unfinished runs whose lease
 * expired — the executor that had them died.
 */
export async function startHeartbeat(options: { role: string; adoptOrphans: boolean }): Promise<void> {
  // Resolves after the first beat, so the executor is listed before the server answers.
  await processSingleton("heartbeat", async () => {
    let beating = false;
    const beat = async () => {
      if (beating) return; // a slow database: skip a beat rather than pile them up
      beating = true;
      try {
        await heartbeat(options);
      } catch (error) {
        console.error("[foreman] heartbeat failed:", error instanceof Error ? error.message : error);
      } finally {
        beating = false;
      }
    };
    const timer = setInterval(() => void beat(), env().FOREMAN_HEARTBEAT_MS);
    timer.unref();
    await beat();
  });
}

/** One beat (exported for tests). */
export async function heartbeat(options: { role: string; adoptOrphans: boolean }): Promise<void> {
  const now = Date.now();
  // Only runs launched before the renewal are judged by it: one launched meanwhile holds a fresh lease.
  const before = [...activeRuns().entries()];
  const held = await renewLeases(now);
  for (const [runId, active] of before) {
    if (!held.has(runId)) active.controller.abort(new ForemanError("internal", "Another executor took the run over (lease lost)."));
    else {
      const cancel = held.get(runId);
      if (cancel) active.controller.abort(cancel);
    }
  }
  await sqlDatabase().execute(
    `INSERT INTO "Executor" ("id", "role", "host", "pid", "heartbeatAt", "activeRuns") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = excluded."heartbeatAt", "activeRuns" = excluded."activeRuns"`,
    [executorId(), options.role, hostname(), process.pid, now, activeRuns().size],
  );
  await renewCallSlots();
  if (options.adoptOrphans) await adoptOrphans(now);
  else await requeueOrphans(now);
}

/**
 * Queue mode: puts unfinished runs that no executor holds back on the queue — a run whose web
 * process died between storing it and enqueueing it, or whose job failed. The job id is the run
 * and its log position, so a run whose job is still waiting or active is not queued twice.
 */
async function requeueOrphans(now: number): Promise<void> {
  for (const runId of await orphanedRuns(now, now - env().FOREMAN_LEASE_MS)) {
    const rows = await sqlDatabase().query(`SELECT "lastSeq" FROM "Run" WHERE "id" = ?`, [runId]);
    await enqueueRun({ runId, afterSeq: Number(rows[0]?.lastSeq ?? 0) });
  }
}

/** Resumes unfinished runs whose executor's lease expired; returns the ids taken. */
export async function adoptOrphans(now = Date.now()): Promise<string[]> {
  const taken: string[] = [];
  for (const runId of await orphanedRuns(now)) {
    if (activeRuns().has(runId)) continue;
    try {
      if (typeof (await startJob({ runId, afterSeq: 0 })) !== "string") taken.push(runId);
    } catch (error) {
      console.error(`[foreman] could not resume run ${runId}:`, error);
    }
  }
  return taken;
}
