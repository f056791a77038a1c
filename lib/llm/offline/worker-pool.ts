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

/**
 * Admission in front of the pool: at most `threads` jobs are handed to Piscina at once, the rest
 * wait here in FIFO order. Waiting here (not inside Piscina's queue) lets the caller know when its
 * job really starts — the engine does not count a wait for a free thread against the task's
 * timeout — and starts the deadline only then.
 */
type Slots = { free: number; waiting: Array<() => void> };
type Pool = { piscina: Piscina; key: string; slots: Slots };
let pool: Promise<Pool> | undefined;

export function defaultOfflineThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

async function getPool(options: OfflinePoolOptions): Promise<Pool> {
  const threads = Math.max(1, Math.floor(options.threads ?? defaultOfflineThreads()));
  const maxHeapMb = options.maxHeapMb ?? 2048;
  const key = `${threads}:${maxHeapMb}`;
  const current = pool ? await pool : undefined;
  if (current?.key === key) return current;
  if (current) void current.piscina.destroy();
  // Other options (tests) replace the pool: its threads, and any job still on them, are stopped.
  pool = offlineWorkerBundle().then((filename) => ({
    key,
    slots: { free: threads, waiting: [] },
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
  return pool;
}

/** Resolves when a thread is free for this job; rejects if `signal` aborts first. */
function acquire(slots: Slots, signal: AbortSignal): Promise<void> {
  if (slots.free > 0) {
    slots.free--;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const grant = (): void => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = (): void => {
      const at = slots.waiting.indexOf(grant);
      if (at !== -1) slots.waiting.splice(at, 1);
      reject(signal.reason);
    };
    slots.waiting.push(grant);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function release(slots: Slots): void {
  const next = slots.waiting.shift();
  if (next) next();
  else slots.free++;
}

/**
 * Runs `job` in the pool. `onQueued(true)` is called if it must wait for a free thread and
 * `onQueued(false)` when the wait ends; the deadline counts from then. Rejects with `signal.reason` when the caller aborts, with
 * ForemanError("offline_timeout") past the deadline, and with ForemanError("internal") when the
 * thread dies (e.g. it ran out of its heap).
 */
export async function runInPool(
  job: OfflineJob,
  args: { signal: AbortSignal; deadlineMs: number; pool?: OfflinePoolOptions; onQueued?: (queued: boolean) => void },
): Promise<OfflineJobResult> {
  if (args.signal.aborted) throw args.signal.reason;
  const { piscina, slots } = await getPool(args.pool ?? {});
  const queued = slots.free === 0;
  if (queued) args.onQueued?.(true);
  try {
    await acquire(slots, args.signal);
  } finally {
    if (queued) args.onQueued?.(false);
  }
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
  } finally {
    release(slots);
  }
}

/** Stops the pool's threads (tests and graceful shutdown). */
export async function closeOfflinePool(): Promise<void> {
  const current = pool;
  pool = undefined;
  if (current) await (await current).piscina.destroy();
}
