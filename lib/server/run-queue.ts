import "server-only";
import { createPostgresBackend, Queue, Worker, withBackend, type Job } from "bullmq";
import { databaseUrl } from "./db";
import { env } from "./env";
import { processSingleton } from "./global-singleton";
import { executeJob, type RunJob } from "./run-executor";

/**
 * The durable run queue (BullMQ): with PostgreSQL, its PostgreSQL backend in the same database
 * (tables in the `bullmq` schema, created by BullMQ's own migrations); with REDIS_URL, its Redis
 * backend. A job is a RunJob; what it does follows from the run's log (run-executor.ts), so a job
 * taken again after its worker died resumes the run.
 *
 * BullMQ locks an active job and renews the lock while the worker lives; a worker that dies stops
 * renewing, and stalled-job detection (every stalledInterval) moves its jobs back to waiting for
 * another worker. The lock lasts as long as a run's lease, so the run's new worker finds the lease
 * expired (or waits a moment for it). See https://docs.bullmq.io/guide/workers/stalled-jobs
 */
export const RUN_QUEUE = "foreman-runs";
const BULLMQ_SCHEMA = "bullmq";

type QueueClasses = { Queue: typeof Queue; Worker: typeof Worker };

function classes(): { classes: QueueClasses; connection: unknown; prefix?: string } {
  const redis = env().REDIS_URL;
  if (redis) return { classes: { Queue, Worker }, ...redisOptions(redis, databaseUrl()) };
  const pg = withBackend(createPostgresBackend);
  return {
    classes: pg as unknown as QueueClasses,
    connection: { connectionString: databaseUrl(), schema: BULLMQ_SCHEMA, migrate: true, max: 4 },
  };
}

/**
 * BullMQ's Redis connection (ioredis options) from `redis[s]://[user:password@]host[:port][/db]`,
 * and the key prefix `foreman:<database name>`: Foremans on different PostgreSQL databases can
 * share one Redis without taking each other's jobs. `maxRetriesPerRequest: null` is what BullMQ
 * requires of a worker's connection (https://docs.bullmq.io/guide/going-to-production).
 */
export function redisOptions(redisUrl: string, postgresUrl: string): { connection: Record<string, unknown>; prefix: string } {
  const url = new URL(redisUrl);
  const db = url.pathname.replace(/^\//, "");
  return {
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(db ? { db: Number(db) } : {}),
      ...(url.protocol === "rediss:" ? { tls: {} } : {}),
      maxRetriesPerRequest: null,
    },
    prefix: `foreman:${decodeURIComponent(new URL(postgresUrl).pathname.replace(/^\//, "")) || "postgres"}`,
  };
}

export function runQueue(): Queue<RunJob> {
  return processSingleton("run-queue", () => {
    const { classes: c, connection, prefix } = classes();
    const queue = new c.Queue<RunJob>(RUN_QUEUE, { connection, ...(prefix ? { prefix } : {}) } as ConstructorParameters<typeof Queue>[1]);
    queue.on("error", (error: Error) => console.error("[foreman] run queue:", error.message));
    return queue;
  });
}

/** Adds a job; one job per (run, log position), so a repeated request does not queue it twice. */
export async function enqueueRun(job: RunJob): Promise<void> {
  await runQueue().add("run", job, { jobId: `${job.runId}.${job.afterSeq}`, removeOnComplete: 1000, removeOnFail: 1000 });
}

/**
 * Starts this process's queue worker: takes up to FOREMAN_WORKER_CONCURRENCY jobs at once and
 * executes each run here to its end.
 */
export function startQueueWorker(): Worker<RunJob> {
  return processSingleton("run-worker", () => {
    const { classes: c, connection, prefix } = classes();
    const lease = env().FOREMAN_LEASE_MS;
    const worker = new c.Worker<RunJob>(
      RUN_QUEUE,
      async (job: Job<RunJob>) => {
        const outcome = await executeJob(job.data, { waitForLease: true });
        // Another executor holds the run (a duplicate job): it finishes the run; nothing to do here.
        return outcome;
      },
      {
        connection,
        ...(prefix ? { prefix } : {}),
        concurrency: env().FOREMAN_WORKER_CONCURRENCY,
        lockDuration: lease,
        stalledInterval: Math.max(1000, Math.floor(lease / 2)),
        maxStalledCount: 3,
      } as ConstructorParameters<typeof Worker>[2],
    );
    worker.on("error", (error: Error) => console.error("[foreman] run worker:", error.message));
    worker.on("failed", (job, error) => console.error(`[foreman] run job ${job?.id ?? "?"} failed:`, error.message));
    return worker;
  });
}

/** Job counts for /api/health. */
export async function queueCounts(): Promise<Record<string, number>> {
  return runQueue().getJobCounts("waiting", "active", "delayed", "failed", "completed");
}

/** Closes this process's queue and worker (tests, shutdown); a worker waits for its jobs to end. */
export async function closeQueue(): Promise<void> {
  const store = globalThis as unknown as Record<symbol, { close(): Promise<void> } | undefined>;
  for (const key of ["run-worker", "run-queue"]) {
    const symbol = Symbol.for(`foreman.${key}`);
    await store[symbol]?.close();
    store[symbol] = undefined;
  }
}
