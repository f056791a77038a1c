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
/** Threads kept warm (parsers imported and warmed up), idle or busy, for jobs with this heap cap. */
export type WarmTarget = { heapMb: number; threads: number };
type Reply = { ok: true; result: unknown } | { ok: false; name: string; message: string };

const MB = 1024 * 1024;
/** How often a running parser's memory is sampled: at ~1 GB/s of inflation, at most ~25 MB overshoot. */
const RSS_SAMPLE_MS = 25;
/** Longest a new thread may take to import the parsers when warmed ahead of any job. */
const WARM_UP_TIMEOUT_MS = 60_000;

/**
 * Keeps parser threads warm: starting one and importing pdf.js costs ~2–3 s, far more than
 * parsing a typical file. A thread that finished a parse (its result, or a parser error it caught
 * and reported) goes back to the idle list — at most `maxIdle()` threads, each dropped after
 * `idleTimeoutMs` unused — and takes the next job with the same heap cap. A thread stopped by the
 * deadline or the memory watch, one that crashed or ran out of heap, and one that has done
 * `maxParsesPerThread` parses (so leaks in the parsers cannot pile up) is terminated and never
 * reused. Idle threads are unref'd, so they never keep a CLI or test process alive.
 * `keepWarm` (the server, at start-up) keeps threads warm ahead of uploads: started and warmed
 * up at once, they do not time out while idle, and one retired or stopped is replaced — so an
 * upload does not wait for a thread to start. Nothing is started while a job runs because of it
 * (a thread starting costs ~1 s of CPU, which the running parse would compete with).
 *
 * `script` is a worker module that answers each `{ job }` message with one `Reply`, and a
 * `{ job: { kind: "warm" } }` message, once it has imported its parsers, with `{ ok: true }`.
 */
export class ParserPool {
  private readonly idle: Thread[] = [];
  /** Terminations under way: a stopped thread frees its memory only once it has exited. */
  private readonly stopping = new Set<Promise<number>>();
  /** Threads warming up and threads running a job: with the idle ones, what counts toward the warm target. */
  private readonly warming = new Set<Thread>();
  private readonly busy = new Set<Thread>();
  private warmTarget: WarmTarget | undefined;
  private started = 0;

  constructor(private readonly options: { script: string; maxIdle: () => number; maxParsesPerThread: number; idleTimeoutMs: number }) {}

  /** Idle (warm) threads now; with `heapMb`, only those for jobs with that heap cap. */
  idleThreads(heapMb?: number): number {
    return heapMb === undefined ? this.idle.length : this.idle.filter((thread) => thread.heapMb === heapMb).length;
  }

  /** Threads this pool has started so far. */
  threadsStarted(): number {
    return this.started;
  }

  /**
   * Keeps `threads` threads with heap cap `heapMb` warm — parsers imported and warmed up — until
   * `close()`: an upload with that cap does not wait ~1–3 s for a thread to start. Resolves once
   * they are ready; a thread that fails to warm up is stopped and not retried until another
   * thread stops.
   */
  async keepWarm(target: WarmTarget): Promise<void> {
    this.warmTarget = target;
    await this.topUp();
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
    this.busy.add(thread);
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
    this.warmTarget = undefined;
    for (const thread of [...this.idle]) this.stop(thread);
    await Promise.all(this.stopping);
  }

  private take(heapMb: number, { fresh = false }: { fresh?: boolean } = {}): Thread {
    const index = fresh ? -1 : this.idle.findIndex((thread) => thread.heapMb === heapMb);
    const warm = index >= 0 ? this.idle.splice(index, 1)[0] : undefined;
    if (warm) {
      clearTimeout(warm.idleTimer);
      return warm;
    }
    const worker = new Worker(this.options.script, {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, heapMb / 8)) },
    });
    this.started++;
    const thread: Thread = { worker, heapMb, parses: 0, idleTimer: undefined };
    // A thread that dies while idle leaves the list (and is replaced if it was kept warm); while busy, run() reports it.
    const died = () => {
      if (!this.idle.includes(thread)) return;
      this.drop(thread);
      void this.topUp();
    };
    worker.on("exit", died);
    worker.on("error", died);
    return thread;
  }

  private release(thread: Thread): void {
    this.warming.delete(thread);
    this.busy.delete(thread);
    if (thread.parses >= this.options.maxParsesPerThread || this.idle.length >= this.options.maxIdle()) {
      this.stop(thread);
      return;
    }
    thread.worker.unref();
    this.idle.push(thread);
    this.armIdleTimer(thread);
  }

  /** Past the idle timeout a thread stops, unless it is one of the threads kept warm. */
  private armIdleTimer(thread: Thread): void {
    thread.idleTimer = setTimeout(() => {
      if (this.warmCount(thread.heapMb) <= (this.warmTarget?.heapMb === thread.heapMb ? this.warmTarget.threads : 0)) this.armIdleTimer(thread);
      else this.stop(thread);
    }, this.options.idleTimeoutMs);
    thread.idleTimer.unref();
  }

  /** Live threads with this heap cap: idle, warming up or running a job. */
  private warmCount(heapMb: number): number {
    return [...this.idle, ...this.warming, ...this.busy].filter((thread) => thread.heapMb === heapMb).length;
  }

  /**
   * Starts threads until the warm target is met, never past `maxIdle()` threads in all (idle,
   * warming or running a job), which the idle list could not keep; each warms up before it joins.
   */
  private async topUp(): Promise<void> {
    const target = this.warmTarget;
    if (!target) return;
    const room = this.options.maxIdle() - this.idle.length - this.warming.size - this.busy.size;
    const missing = Math.min(target.threads - this.warmCount(target.heapMb), room);
    await Promise.all(Array.from({ length: Math.max(0, missing) }, () => this.warmUp(target.heapMb)));
  }

  private warmUp(heapMb: number): Promise<void> {
    let thread: Thread;
    try {
      thread = this.take(heapMb, { fresh: true });
    } catch {
      return Promise.resolve(); // no thread could start: uploads will report it when they try
    }
    this.warming.add(thread);
    const { worker } = thread;
    worker.unref(); // warming ahead of use never keeps a process alive
    return new Promise<void>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onFailure).off("exit", onFailure);
        if (ok && this.warmTarget) this.release(thread);
        else this.stop(thread, { replace: false }); // not retried at once: a broken start would loop
        resolve();
      };
      const onMessage = (reply: Reply) => done(reply.ok);
      const onFailure = () => done(false);
      worker.on("message", onMessage).on("error", onFailure).on("exit", onFailure);
      const timer = setTimeout(onFailure, WARM_UP_TIMEOUT_MS);
      timer.unref();
      worker.postMessage({ job: { kind: "warm" } });
    });
  }

  /** `replace`: warm up a thread in its place if the target is short. */
  private stop(thread: Thread, { replace = true }: { replace?: boolean } = {}): void {
    this.drop(thread);
    const exited = thread.worker.terminate();
    this.stopping.add(exited);
    void exited.finally(() => this.stopping.delete(exited));
    if (replace) void this.topUp();
  }

  private drop(thread: Thread): void {
    this.warming.delete(thread);
    this.busy.delete(thread);
    clearTimeout(thread.idleTimer);
    const index = this.idle.indexOf(thread);
    if (index >= 0) this.idle.splice(index, 1);
  }
}
