import { Worker } from "node:worker_threads";

/** A parser's own failure, as the worker reports it (e.g. pdf.js's PasswordException). */
export class ParserError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** What one parse reports besides its result: the thread that ran it and that thread's parse count (1 = a fresh thread). */
export type ThreadRun<R> = { result: R; threadId: number; parses: number };

export type PoolRunLimits = {
  /** Deadline in ms from the moment the job is sent; past it the thread is terminated. */
  timeoutMs: number;
  /** Heap cap of the thread in MB; also the allowed growth of the process's resident memory. */
  maxHeapMb: number;
  /** The error for a parse stopped by the deadline. */
  timeoutError: () => Error;
  /** The error for a parse stopped by the heap cap or the memory watch. */
  memoryError: () => Error;
};

type Thread = { worker: Worker; heapMb: number; parses: number; idleTimer: NodeJS.Timeout | undefined };
type Reply = { ok: true; result: unknown } | { ok: false; name: string; message: string };

const MB = 1024 * 1024;
/** How often a running parser's memory is sampled: at ~1 GB/s of inflation, at most ~25 MB overshoot. */
const RSS_SAMPLE_MS = 25;

/**
 * Keeps parser threads warm: starting one and importing pdf.js costs ~2–3 s, far more than
 * parsing a typical file. A thread that finished a parse (its result, or a parser error it caught
 * and reported) goes back to the idle list — at most `maxIdle()` threads, each dropped after
 * `idleTimeoutMs` unused — and takes the next job with the same heap cap. A thread stopped by the
 * deadline or the memory watch, one that crashed or ran out of heap, and one that has done
 * `maxParsesPerThread` parses (so leaks in the parsers cannot pile up) is terminated and never
 * reused. Idle threads are unref'd, so they never keep a CLI or test process alive.
 *
 * `script` is a worker module that answers each `{ job }` message with one `Reply`.
 */
export class ParserPool {
  private readonly idle: Thread[] = [];
  /** Terminations under way: a stopped thread frees its memory only once it has exited. */
  private readonly stopping = new Set<Promise<number>>();

  constructor(private readonly options: { script: string; maxIdle: () => number; maxParsesPerThread: number; idleTimeoutMs: number }) {}

  /** Idle (warm) threads now. */
  idleThreads(): number {
    return this.idle.length;
  }

  /**
   * Runs one job on a warm thread with the same heap cap, or on a new one. `job.bytes` is
   * copied and the copy transferred, so the caller keeps its bytes.
   * @throws ParserError when the worker reports a parser failure or stops unexpectedly;
   *   `limits.timeoutError()` / `limits.memoryError()` when a limit stops it
   */
  run<R>(job: { bytes: Uint8Array } & Record<string, unknown>, limits: PoolRunLimits): Promise<ThreadRun<R>> {
    const thread = this.take(limits.maxHeapMb);
    const { worker } = thread;
    worker.ref();
    thread.parses++;
    const bytes = new Uint8Array(job.bytes);
    worker.postMessage({ job: { ...job, bytes } }, [bytes.buffer]);

    return new Promise<ThreadRun<R>>((resolve, reject) => {
      let settled = false;
      // A reply, success or a parser error the worker caught, leaves the thread in a known state.
      const onMessage = (reply: Reply) =>
        settle(true, () => (reply.ok ? resolve({ result: reply.result as R, threadId: worker.threadId, parses: thread.parses }) : reject(new ParserError(reply.name, reply.message))));
      const onError = (error: Error & { code?: string }) =>
        settle(false, () => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? limits.memoryError() : new ParserError(error.name, error.message)));
      const onExit = (code: number) => settle(false, () => reject(new ParserError("WorkerExit", `the parser stopped unexpectedly (exit code ${code})`)));
      // `reusable`: the thread ended the parse in a known state and may take another.
      const settle = (reusable: boolean, outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watchdog);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (reusable) this.release(thread);
        else this.stop(thread);
        outcome();
      };
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      const timer = setTimeout(() => settle(false, () => reject(limits.timeoutError())), limits.timeoutMs);
      // The heap cap does not cover ArrayBuffers (pdf.js inflates streams into them), so the
      // process's resident memory is watched too: growth past the cap stops this parser.
      const rssAtStart = process.memoryUsage.rss();
      const watchdog = setInterval(() => {
        if (process.memoryUsage.rss() - rssAtStart > limits.maxHeapMb * MB) settle(false, () => reject(limits.memoryError()));
      }, RSS_SAMPLE_MS);
    });
  }

  /** Stops the idle threads and waits until every stopped thread has exited (tests; a server lets them time out). */
  async close(): Promise<void> {
    for (const thread of [...this.idle]) this.stop(thread);
    await Promise.all(this.stopping);
  }

  private take(heapMb: number): Thread {
    const index = this.idle.findIndex((thread) => thread.heapMb === heapMb);
    const warm = index >= 0 ? this.idle.splice(index, 1)[0] : undefined;
    if (warm) {
      clearTimeout(warm.idleTimer);
      return warm;
    }
    const worker = new Worker(this.options.script, {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, heapMb / 8)) },
    });
    const thread: Thread = { worker, heapMb, parses: 0, idleTimer: undefined };
    // A thread that dies while idle leaves the list; while busy, run() reports it.
    worker.on("exit", () => this.drop(thread));
    worker.on("error", () => this.drop(thread));
    return thread;
  }

  private release(thread: Thread): void {
    if (thread.parses >= this.options.maxParsesPerThread || this.idle.length >= this.options.maxIdle()) {
      this.stop(thread);
      return;
    }
    thread.worker.unref();
    thread.idleTimer = setTimeout(() => this.stop(thread), this.options.idleTimeoutMs);
    thread.idleTimer.unref();
    this.idle.push(thread);
  }

  private stop(thread: Thread): void {
    this.drop(thread);
    const exited = thread.worker.terminate();
    this.stopping.add(exited);
    void exited.finally(() => this.stopping.delete(exited));
  }

  private drop(thread: Thread): void {
    clearTimeout(thread.idleTimer);
    const index = this.idle.indexOf(thread);
    if (index >= 0) this.idle.splice(index, 1);
  }
}
