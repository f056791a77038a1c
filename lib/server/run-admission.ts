import "server-only";
import { databaseProvider } from "./db";
import { env } from "./env";
import { processSingleton } from "./global-singleton";

/**
 * The process-wide cap on runs executing at once (FOREMAN_MAX_ACTIVE_RUNS): each run is a stream
 * of paid model calls, so a burst of submissions waits here — queued, in order — instead of all
 * spending at once. A queued run's status stays `pending`, shown as "Queued". (With #14 a job
 * queue takes this role across processes; this module is the single place to swap.)
 */
export type Admission = {
  /**
   * Runs `task` once a slot is free (at once when `signal` is aborted: cancelling a queued run must
   * not wait). `onQueued` is called, synchronously, when the task has to wait.
   */
  admit: <T>(signal: AbortSignal, task: () => Promise<T>, onQueued?: () => void) => Promise<T>;
  /** Runs executing now, and runs waiting for a slot. */
  stats: () => { active: number; queued: number; limit: number };
};

export function createAdmission(limit: number): Admission {
  let active = 0;
  const waiting: (() => void)[] = [];
  // A freed slot passes straight to the next waiter (active stays counted): decrementing and
  // letting the waiter increment later would leave a gap in which a new admit() also gets in.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async admit(signal, task, onQueued) {
      if (active >= limit && !signal.aborted) {
        const handedSlot = await new Promise<boolean>((resolve) => {
          const start = () => {
            signal.removeEventListener("abort", onAbort);
            resolve(true);
          };
          // A canceled run leaves the queue and runs at once (it only records its cancellation), taking a slot briefly.
          const onAbort = () => {
            const index = waiting.indexOf(start);
            if (index >= 0) waiting.splice(index, 1);
            resolve(false);
          };
          waiting.push(start);
          signal.addEventListener("abort", onAbort, { once: true });
          onQueued?.();
        });
        if (!handedSlot) active++;
      } else active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    stats: () => ({ active, queued: waiting.length, limit }),
  };
}

/**
 * With PostgreSQL the run queue admits runs: a worker takes at most FOREMAN_WORKER_CONCURRENCY
 * jobs, and the rest wait in the queue (across all processes). A second cap here would hold a
 * taken job, and its lease, while other workers sit idle — so in that mode there is none.
 */
export function runAdmission(): Admission {
  return processSingleton("run-admission", () => createAdmission(databaseProvider() === "postgresql" ? Number.POSITIVE_INFINITY : env().FOREMAN_MAX_ACTIVE_RUNS));
}
