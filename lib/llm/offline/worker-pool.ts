import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { ForemanError } from "../../engine/errors";
import type { OfflineJob, OfflineJobResult } from "./jobs";
import { offlineWorkerBundle } from "./worker-bundle";

/**
 * Runs offline jobs on a pool of worker threads (Piscina), never on the caller's event loop: a
 * 10 MB document keeps a thread busy for seconds, and the server must answer other requests
 * meanwhile.
 *
 * - Pool size: by default one thread fewer than the machine's cores (at least one), so the main
 *   thread always has a core of its own. Jobs beyond that wait in the pool's queue.
 * - Deadline: a job still running after `deadlineMs` is stopped by terminating its thread (Piscina
 *   terminates the thread of an aborted running task); the same happens when `signal` aborts
 *   (run cancelled, engine task timeout). A queued job that is aborted never starts.
 * - Memory: each thread has a V8 heap cap, so one document cannot take the server down.
 */
export type OfflinePoolOptions = {
  /** Worker threads (default: cores − 1, at least 1). */
  threads?: number;
  /** Heap cap per thread in MB (default 2048: a 20 MB text's index and analyses fit with room). */
  maxHeapMb?: number;
};

export const DEFAULT_OFFLINE_DEADLINE_MS = 120_000;

type Pool = { piscina: Piscina; key: string };
let pool: Promise<Pool> | undefined;

export function defaultOfflineThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

async function getPool(options: OfflinePoolOptions): Promise<Piscina> {
  const threads = Math.max(1, Math.floor(options.threads ?? defaultOfflineThreads()));
  const maxHeapMb = options.maxHeapMb ?? 2048;
  const key = `${threads}:${maxHeapMb}`;
  const current = pool ? await pool : undefined;
  if (current?.key === key) return current.piscina;
  if (current) void current.piscina.destroy();
  pool = offlineWorkerBundle().then((filename) => ({
    key,
    piscina: new Piscina({
      filename,
      minThreads: 0,
      maxThreads: threads,
      // Idle threads exit (and never keep a CLI process alive).
      idleTimeout: 5_000,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    }),
  }));
  pool.catch(() => (pool = undefined));
  return (await pool).piscina;
}

/**
 * Runs `job` in the pool. Rejects with `signal.reason` when the caller aborts, with
 * ForemanError("offline_timeout") past the deadline, and with ForemanError("internal") when the
 * thread dies (e.g. it ran out of its heap).
 */
export async function runInPool(job: OfflineJob, args: { signal: AbortSignal; deadlineMs: number; pool?: OfflinePoolOptions }): Promise<OfflineJobResult> {
  if (args.signal.aborted) throw args.signal.reason;
  const piscina = await getPool(args.pool ?? {});
  const deadline = AbortSignal.timeout(args.deadlineMs);
  try {
    return (await piscina.run(job, { signal: AbortSignal.any([args.signal, deadline]) })) as OfflineJobResult;
  } catch (error) {
    if (args.signal.aborted) throw args.signal.reason;
    if (deadline.aborted) {
      throw new ForemanError("offline_timeout", `The offline engine's ${job.kind} step took longer than ${Math.round(args.deadlineMs / 1000)} s on this document and was stopped.`, { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    const memory = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(message) || (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
    throw new ForemanError("internal", memory ? `The offline engine ran out of memory on this document (${job.kind} step).` : `The offline engine failed (${job.kind} step): ${message}`, { cause: error });
  }
}

/** Stops the pool's threads (tests and graceful shutdown). */
export async function closeOfflinePool(): Promise<void> {
  const current = pool;
  pool = undefined;
  if (current) await (await current).piscina.destroy();
}
