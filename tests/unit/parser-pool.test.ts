import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseInWorkerThread, parserPool } from "@/lib/documents/parse-in-worker";
import { ParserError, ParserPool, type PoolRunLimits } from "@/lib/documents/parser-pool";

const script = fileURLToPath(new URL("../fixtures/parser-pool/worker.mjs", import.meta.url));
const pools: ParserPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function pool(options: { maxIdle?: number; maxParsesPerThread?: number; idleTimeoutMs?: number } = {}): ParserPool {
  const made = new ParserPool({ script, maxIdle: () => options.maxIdle ?? 2, maxParsesPerThread: options.maxParsesPerThread ?? 50, idleTimeoutMs: options.idleTimeoutMs ?? 60_000 });
  pools.push(made);
  return made;
}

class Timeout extends Error {}
class TooLarge extends Error {}
const limits = (over: Partial<PoolRunLimits> = {}): PoolRunLimits => ({ timeoutMs: 60_000, maxHeapMb: 64, timeoutError: () => new Timeout(), memoryError: () => new TooLarge(), ...over });
const job = (kind: string, extra: Record<string, unknown> = {}) => ({ kind, bytes: new Uint8Array(3), ...extra });

describe("parser pool", () => {
  it("runs the next parse on the thread that finished the last one", async () => {
    const p = pool();
    const first = await p.run(job("echo"), limits());
    const second = await p.run(job("echo"), limits());
    expect(first).toMatchObject({ result: { length: 3 }, parses: 1 });
    expect(second).toMatchObject({ result: { length: 3 }, parses: 2, threadId: first.threadId });
    expect(p.idleThreads()).toBe(1);
  });

  it("keeps a thread whose parser reported an error it caught", async () => {
    const p = pool();
    const first = await p.run(job("echo"), limits());
    await expect(p.run(job("fail"), limits())).rejects.toEqual(new ParserError("PasswordException", "No password given"));
    expect((await p.run(job("echo"), limits())).threadId).toBe(first.threadId);
  });

  it("never reuses a thread stopped by the deadline", async () => {
    const p = pool();
    const warm = await p.run(job("echo"), limits());
    await expect(p.run(job("hang"), limits({ timeoutMs: 200 }))).rejects.toBeInstanceOf(Timeout);
    expect(p.idleThreads()).toBe(0);
    const after = await p.run(job("echo"), limits());
    expect(after.threadId).not.toBe(warm.threadId);
    expect(after.parses).toBe(1);
  });

  it("never reuses a thread stopped by the memory watch", async () => {
    const p = pool();
    // The cap leaves room for a thread's own start-up (~10–30 MB resident), which the watch counts too.
    const warm = await p.run(job("echo"), limits({ maxHeapMb: 128 }));
    await expect(p.run(job("grow", { mb: 384 }), limits({ maxHeapMb: 128 }))).rejects.toBeInstanceOf(TooLarge);
    expect(p.idleThreads()).toBe(0);
    expect((await p.run(job("echo"), limits({ maxHeapMb: 128 }))).threadId).not.toBe(warm.threadId);
  });

  it("replaces a thread that crashed", async () => {
    const p = pool();
    const warm = await p.run(job("echo"), limits());
    await expect(p.run(job("crash"), limits())).rejects.toMatchObject({ name: "WorkerExit", message: "the parser stopped unexpectedly (exit code 3)" });
    expect(p.idleThreads()).toBe(0);
    expect((await p.run(job("echo"), limits())).threadId).not.toBe(warm.threadId);
  });

  it("retires a thread after its last allowed parse", async () => {
    const p = pool({ maxParsesPerThread: 2 });
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await p.run(job("echo"), limits()));
    expect(runs.map((run) => run.parses)).toEqual([1, 2, 1]);
    expect(runs[1]?.threadId).toBe(runs[0]?.threadId);
    expect(runs[2]?.threadId).not.toBe(runs[0]?.threadId);
  });

  it("keeps at most maxIdle threads, and only for jobs with the same heap cap", async () => {
    const p = pool({ maxIdle: 1 });
    const [a, b] = await Promise.all([p.run(job("echo"), limits()), p.run(job("echo"), limits())]);
    expect(a?.threadId).not.toBe(b?.threadId);
    expect(p.idleThreads()).toBe(1);
    const other = await p.run(job("echo"), limits({ maxHeapMb: 48 }));
    expect(other.parses).toBe(1);
    expect([a?.threadId, b?.threadId]).not.toContain(other.threadId);
  });

  it("keepWarm starts a thread before the first job, and that job runs on it (none is started while it runs)", async () => {
    const p = pool({ maxIdle: 2 });
    await p.keepWarm({ heapMb: 64, threads: 1 });
    expect(p.idleThreads(64)).toBe(1);
    expect(p.threadsStarted()).toBe(1);
    const first = await p.run(job("echo"), limits());
    const second = await p.run(job("echo"), limits());
    expect(first.parses).toBe(1); // the warm-up is not a parse
    expect(second.threadId).toBe(first.threadId);
    expect(p.threadsStarted()).toBe(1);
  });

  it("a thread kept warm outlives the idle timeout; others do not", async () => {
    const p = pool({ maxIdle: 2, idleTimeoutMs: 50 });
    await p.keepWarm({ heapMb: 64, threads: 1 });
    await p.run(job("echo"), limits({ maxHeapMb: 48 })); // not the kept thread's cap
    expect(p.threadsStarted()).toBe(2);
    // The 48 MB thread's timer fires after the kept thread's has at least once (armed later, same timeout).
    await vi.waitFor(() => expect(p.idleThreads(48)).toBe(0), { timeout: 30_000, interval: 20 });
    expect(p.idleThreads(64)).toBe(1);
    expect(p.threadsStarted()).toBe(2); // the kept thread was never stopped and replaced
  });

  it("a thread kept warm that is retired or stopped by a limit is replaced by a new warm one", async () => {
    const p = pool({ maxParsesPerThread: 1 });
    await p.keepWarm({ heapMb: 64, threads: 1 });
    const retired = await p.run(job("echo"), limits());
    await vi.waitFor(() => expect(p.idleThreads()).toBe(1), { timeout: 30_000, interval: 20 });
    const next = await p.run(job("echo"), limits());
    expect(next.threadId).not.toBe(retired.threadId);
    await vi.waitFor(() => expect(p.idleThreads()).toBe(1), { timeout: 30_000, interval: 20 });
    await expect(p.run(job("hang"), limits({ timeoutMs: 200 }))).rejects.toBeInstanceOf(Timeout);
    await vi.waitFor(() => expect(p.idleThreads()).toBe(1), { timeout: 30_000, interval: 20 });
    await p.close();
    expect(p.idleThreads()).toBe(0);
  });

  it("a thread that fails to warm up is stopped and not restarted in a loop", async () => {
    const p = pool();
    process.env.FOREMAN_TEST_WARM_UP_FAILS = "1";
    try {
      await p.keepWarm({ heapMb: 64, threads: 1 });
    } finally {
      delete process.env.FOREMAN_TEST_WARM_UP_FAILS;
    }
    expect(p.idleThreads()).toBe(0);
    expect(p.threadsStarted()).toBe(1);
    expect((await p.run(job("echo"), limits())).result).toEqual({ length: 3 });
  });

  it("keeps the real PDF parser warm between parses", async () => {
    const bytes = readFileSync(fileURLToPath(new URL("../fixtures/contract.pdf", import.meta.url)));
    const input = { job: { kind: "pdf" as const, bytes, maxPages: 10, maxTextChars: 1_000_000 }, fileName: "contract.pdf", timeoutMs: 60_000, maxHeapMb: 512 };
    await parserPool().keepWarm({ heapMb: 512, threads: 1 }); // the real worker answers the warm-up
    expect(parserPool().idleThreads()).toBe(1);
    const first = await parseInWorkerThread(input);
    expect(first.parses).toBe(1);
    const second = await parseInWorkerThread(input);
    expect(second.threadId).toBe(first.threadId);
    expect(second.parses).toBe(first.parses + 1);
    expect(second.result).toEqual(first.result);
    expect(second.result).toMatchObject({ kind: "pdf", pages: [expect.any(Array), expect.any(Array)] });
    await parserPool().close();
  });
});
