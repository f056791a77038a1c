import { afterEach, describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import { ForemanError } from "@/lib/engine/errors";
import type { ModelWait, RunEvent } from "@/lib/engine/events";
import type { WorkInput } from "@/lib/engine/model-port";
import { reduceRun } from "@/lib/engine/reduce-run";
import { executeRun } from "@/lib/engine/run-engine";
import { createClaudePort, createModelCallLimiter, type ModelCallLimiter } from "@/lib/llm/claude";
import type { Clock } from "@/lib/llm/claude/config";
import { keyFactsWorkInput, TEST_MODELS } from "../support/claude-kit";
import { makeDocument } from "../support/make-document";
import { startMockAnthropic, type MockAnthropic } from "../support/mock-anthropic";
import { errorReply, overloaded } from "../support/mock-anthropic-replies";
import { finished } from "../support/port-output";
import { scaledClock, seededRandom } from "../support/scaled-clock";

const document = makeDocument("Supplier shall deliver the goods. Payment is due in 30 days. Liability is unlimited. The agreement may be terminated on notice.");

const mocks: MockAnthropic[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});

/**
 * A mock and ports on one clock that runs 20× faster than real time (a 15 s limit passes in 0.75 s):
 * slow enough that the retry budget (120 s = 6 s real) is not eaten by a loaded machine.
 */
async function setup(options: { countTokens?: boolean; budgetMs?: number; maxCalls?: number } = {}) {
  const clock: Clock = scaledClock(20, seededRandom(7));
  const mock = await startMockAnthropic({ now: clock.now, ...(options.countTokens === false ? { countTokens: false } : {}) });
  mocks.push(mock);
  const limiter = createModelCallLimiter({ maxCalls: options.maxCalls ?? 8, clock });
  const port = (shared: ModelCallLimiter = limiter) =>
    createClaudePort({ apiKey: "k", baseURL: mock.url, models: TEST_MODELS, clock, limiter: shared, retryBudgetMs: options.budgetMs ?? 120_000 });
  return { clock, mock, limiter, port };
}

const workInput = (over: Partial<WorkInput> = {}) => keyFactsWorkInput(document, over);

describe("rate limits and overload, survived", () => {
  it("waits out a 429 that lasts 15 s until the limit's reset, not the 1 s retry-after, and reports the wait", async () => {
    const { mock, port } = await setup();
    mock.rateLimit({ model: TEST_MODELS.worker, forMs: 15_000, retryAfterSeconds: 1 });
    const waits: Array<ModelWait | null> = [];
    const out = finished(await port().work(workInput({ onWait: (w) => waits.push(w) })));
    expect(out.status).toBe("success");
    const sent = mock.requests.filter((r) => r.kind === "work");
    const t0 = sent[0]!.at; // the limit starts with the first request
    // One refused request, then one after the reset: no retry every second in between.
    expect(sent).toHaveLength(2);
    expect(sent[1]!.at).toBeGreaterThanOrEqual(t0 + 15_000);
    expect(waits[0]?.reason).toBe("rate_limit");
    expect(Date.parse(waits[0]?.until ?? "")).toBeGreaterThanOrEqual(t0 + 15_000);
    expect(waits.at(-1)).toBeNull();
  });

  it("gives up when the limit outlasts the retry budget, with a final (not retryable) error and no hammering", async () => {
    const { mock, port } = await setup({ budgetMs: 60_000 });
    mock.rateLimit({ forMs: 10 * 60_000, retryAfterSeconds: 1 });
    const error = await port().work(workInput()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForemanError);
    expect(error).toMatchObject({ code: "model_rate_limited", retryable: false });
    expect((error as Error).message).toContain("giving up");
    expect(mock.requests).toHaveLength(1);
  });

  it("retries a 529 with backoff until it passes", async () => {
    const { mock, port } = await setup();
    mock.enqueue(overloaded(), overloaded());
    const waits: Array<ModelWait | null> = [];
    const out = finished(await port().work(workInput({ onWait: (w) => waits.push(w) })));
    expect(out.status).toBe("success");
    expect(mock.requests).toHaveLength(3);
    expect(waits.filter((w) => w?.reason === "overloaded")).toHaveLength(2);
  });

  it("retries a 529 on count_tokens; a server without count_tokens (404) gets an estimate", async () => {
    const { mock, port } = await setup();
    mock.enqueueCountTokens(errorReply(529, "overloaded_error", "Overloaded") as never);
    const counted = await port().countInputTokens!({ document, signal: new AbortController().signal });
    expect(counted.tokens).toBeGreaterThan(document.text.length / 4);
    expect(counted.contextWindow).toBe(1_000_000);

    const bare = await setup({ countTokens: false });
    const estimated = await bare.port().countInputTokens!({ document, signal: new AbortController().signal });
    expect(estimated.tokens).toBeGreaterThan(document.text.length / 3);
  });

  it("one 429 pauses the model for every caller: parallel calls wait for the reset and then retry at different instants", async () => {
    const { mock, port } = await setup();
    mock.rateLimit({ model: TEST_MODELS.worker, forMs: 20_000, retryAfterSeconds: 1 });
    const p = port();
    const untils: string[] = [];
    const task = (id: string) => ({ id, worker: "key-facts", description: "x", focus: "", dependsOn: [], priority: "high" as const });
    const outs = await Promise.all(
      [1, 2, 3, 4].map((i) => p.work(workInput({ task: task(`t${i}`), onWait: (w) => void (w?.until && untils.push(w.until)) }))),
    );
    expect(outs.every((o) => finished(o).status === "success")).toBe(true);
    const t0 = mock.requests[0]!.at;
    const refused = mock.requests.filter((r) => r.at < t0 + 20_000);
    const retried = mock.requests.filter((r) => r.at >= t0 + 20_000);
    expect(refused.length).toBeLessThanOrEqual(4); // each call learned it at most once
    expect(retried).toHaveLength(4);
    // Every scheduled retry lies after the reset, and no two at the same instant (jitter).
    expect(untils.length).toBeGreaterThanOrEqual(4);
    for (const until of untils) expect(Date.parse(until)).toBeGreaterThanOrEqual(t0 + 20_000);
    expect(new Set(untils).size).toBe(untils.length);
  });

  it("two concurrent runs under a long rate limit both finish, and their calls never retry at the same instant", async () => {
    const { mock, limiter, port } = await setup();
    mock.rateLimit({ forMs: 30_000, retryAfterSeconds: 1 }); // every model, like an org-wide input-token limit
    const runs = ["r1", "r2"].map((runId) => {
      const { sink, events } = createMemorySink({ runId });
      const done = executeRun(
        { document, request: "Review it" },
        { port: port(limiter), sink, signal: new AbortController().signal, retry: { baseDelayMs: 1, maxDelayMs: 5 }, limits: { maxTasks: 8, concurrency: 4, taskTimeoutMs: 60_000, maxAttempts: 3 } },
      );
      return { events, done };
    });
    await Promise.all(runs.map((r) => r.done));
    for (const r of runs) expect(reduceRun(r.events).status).toBe("succeeded");
    const t0 = mock.requests[0]!.at;

    const waits = runs.flatMap((r) => r.events.flatMap((e: RunEvent) => (e.type === "model-wait" && e.wait?.reason === "rate_limit" && e.wait.until ? [e.wait.until] : [])));
    expect(waits.length).toBeGreaterThanOrEqual(2); // both plan calls waited
    expect(new Set(waits).size).toBe(waits.length); // no two calls scheduled for the same instant
    for (const until of waits) expect(Date.parse(until)).toBeGreaterThanOrEqual(t0 + 30_000);
  });
});

describe("the process-wide model-call limiter", () => {
  const clock: Clock = { now: Date.now, sleep: (ms, signal) => new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      reject(new Error("aborted"));
    });
  }), random: () => 0.5 };

  it("never lets more than maxCalls run, hands freed slots over in arrival order, and reports the wait", async () => {
    const limiter = createModelCallLimiter({ maxCalls: 2, clock });
    const signal = new AbortController().signal;
    const waits: string[] = [];
    const a = await limiter.acquire("m", { signal });
    const b = await limiter.acquire("m", { signal });
    const order: string[] = [];
    const c = limiter.acquire("m", { signal, onWait: (w) => waits.push(w.reason) }).then((release) => (order.push("c"), release));
    const d = limiter.acquire("other", { signal }).then((release) => (order.push("d"), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(waits).toEqual(["call_limit"]);
    a();
    const releaseC = await c;
    expect(order).toEqual(["c"]);
    b();
    const releaseD = await d;
    expect(order).toEqual(["c", "d"]);
    releaseC();
    releaseD();
    // Both slots are free again: two immediate acquisitions.
    (await limiter.acquire("m", { signal }))();
  });

  it("holds calls to a paused model until the pause ends, each with its own jitter; other models go on", async () => {
    let t = 1_000_000;
    const slept: number[] = [];
    const fake: Clock = { now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)), random: seededRandom(3) };
    const limiter = createModelCallLimiter({ maxCalls: 8, clock: fake });
    limiter.pauseUntil("m", t + 10_000);
    limiter.pauseUntil("m", t + 5_000); // never shortens a pause
    const signal = new AbortController().signal;
    (await limiter.acquire("other", { signal }))();
    expect(slept).toEqual([]);
    const untils: number[] = [];
    (await limiter.acquire("m", { signal, onWait: (w) => untils.push(w.untilMs ?? 0) }))();
    expect(untils[0]).toBeGreaterThanOrEqual(1_000_000 + 10_000);
    limiter.pauseUntil("m", t + 10_000);
    (await limiter.acquire("m", { signal, onWait: (w) => untils.push(w.untilMs ?? 0) }))();
    expect(untils[1]! - t).not.toBe(untils[0]! - 1_010_000); // a different jitter each time
    expect(limiter.pausedUntil("m")).toBeUndefined();
  });

  it("an aborted waiter leaves the queue and its slot goes to the next", async () => {
    const limiter = createModelCallLimiter({ maxCalls: 1, clock });
    const a = await limiter.acquire("m", { signal: new AbortController().signal });
    const controller = new AbortController();
    const waiting = limiter.acquire("m", { signal: controller.signal });
    const next = limiter.acquire("m", { signal: new AbortController().signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(ForemanError);
    a();
    (await next)();
  });
});
