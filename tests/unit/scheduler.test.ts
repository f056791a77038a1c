import { describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import { ForemanError } from "@/lib/engine/errors";
import type { RunEvent, RunLimits } from "@/lib/engine/events";
import { applyEvent, initialRunState, reduceRun } from "@/lib/engine/reduce-run";
import { executeRun, type EngineOptions } from "@/lib/engine/run-engine";
import { createScriptedPort, scriptedPlan, task, type ScriptedOptions } from "@/lib/llm/scripted/scripted-port";
import { makeDocument } from "../support/make-document";

const document = makeDocument("The supplier shall deliver the goods. Payment is due in 30 days.");

async function run(script: ScriptedOptions, options: Partial<Omit<EngineOptions, "limits">> & { limits?: Partial<RunLimits> } = {}) {
  const port = createScriptedPort(script);
  let live = initialRunState("r1");
  const { sink, events } = createMemorySink({ runId: "r1", onEvent: (e) => (live = applyEvent(live, e)) });
  const controller = new AbortController();
  const sleeps: number[] = [];
  await executeRun(
    { document, request: "analyse" },
    {
      port,
      sink,
      signal: options.signal ?? controller.signal,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      ...options,
      limits: { maxTasks: 8, concurrency: 4, taskTimeoutMs: 5_000, maxAttempts: 3, ...options.limits },
    },
  );
  return { port, events, live, sleeps };
}

const ofType = <T extends RunEvent["type"]>(events: RunEvent[], type: T) =>
  events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
const indexOf = (events: RunEvent[], type: RunEvent["type"], taskId: string) =>
  events.findIndex((e) => e.type === type && "taskId" in e && e.taskId === taskId);

describe("scheduler", () => {
  it("overlaps independent tasks and starts a dependent only after its dependencies end", async () => {
    const plan = scriptedPlan([task("a"), task("b"), task("c", ["a", "b"])]);
    const { events } = await run({ plan, latencyMs: () => 30 });
    // a and b both start before either ends
    expect(indexOf(events, "task-start", "b")).toBeLessThan(indexOf(events, "task-end", "a"));
    expect(indexOf(events, "task-start", "c")).toBeGreaterThan(indexOf(events, "task-end", "a"));
    expect(indexOf(events, "task-start", "c")).toBeGreaterThan(indexOf(events, "task-end", "b"));
  });

  it("starts a task as soon as its own dependency ends, not when the whole level ends", async () => {
    // a (fast) → c ; b (slow) is on the same level as a. c must start before b ends.
    const plan = scriptedPlan([task("a"), task("b"), task("c", ["a"])]);
    const { events } = await run({ plan, latencyMs: (t) => (t.id === "b" ? 120 : 10) });
    expect(indexOf(events, "task-start", "c")).toBeLessThan(indexOf(events, "task-end", "b"));
  });

  it("never exceeds the concurrency cap", async () => {
    const plan = scriptedPlan(Array.from({ length: 8 }, (_, i) => task(`t${i}`)));
    const { events } = await run({ plan, latencyMs: (t) => 5 + Number(t.id.slice(1)) * 3 }, { limits: { concurrency: 3 } });
    let inFlight = 0;
    let peak = 0;
    for (const e of events) {
      if (e.type === "task-start") peak = Math.max(peak, ++inFlight);
      if (e.type === "task-end" || e.type === "task-error") inFlight--;
    }
    expect(peak).toBe(3);
  });

  it("orders ready tasks by priority, then by longest remaining path", async () => {
    const plan = scriptedPlan([
      task("low", [], "low"),
      task("short", [], "medium"),
      task("long", [], "medium"),
      task("after-long", ["long"], "medium"),
      task("high", [], "high"),
    ]);
    const { events } = await run({ plan }, { limits: { concurrency: 1 } });
    const starts = ofType(events, "task-start").map((e) => e.taskId);
    // high first (priority); long before short (longer remaining path); low last (priority)
    expect(starts).toEqual(["high", "long", "short", "after-long", "low"]);
  });

  it("retries a retryable failure with backoff and then succeeds", async () => {
    const plan = scriptedPlan([task("a")]);
    let calls = 0;
    const { events, sleeps } = await run({
      plan,
      work: () => {
        calls++;
        if (calls < 3) throw new ForemanError("model_rate_limited", "slow down", { retryAfterMs: 2_000 });
        return { status: "success", result: "ok", findings: [], errors: [], usage: { inputTokens: 1, outputTokens: 1, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 } };
      },
    });
    expect(ofType(events, "task-retry").map((e) => e.attempt)).toEqual([1, 2]);
    expect(ofType(events, "task-start").map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(sleeps.every((ms) => ms >= 2_000)).toBe(true); // retry-after is a floor
    expect(ofType(events, "task-end")).toHaveLength(1);
  });

  it("does not retry a non-retryable failure", async () => {
    const plan = scriptedPlan([task("a")]);
    const { events, port } = await run({
      plan,
      work: () => {
        throw new ForemanError("model_bad_request", "bad request");
      },
    });
    expect(port.calls.work).toHaveLength(1);
    expect(ofType(events, "task-error")[0]?.error.code).toBe("model_bad_request");
  });

  it("times out a stuck task, retries it, and fails it when attempts run out", async () => {
    const plan = scriptedPlan([task("a")]);
    const { events, port } = await run(
      { plan, work: () => new Promise(() => undefined) },
      { limits: { taskTimeoutMs: 20, maxAttempts: 2 } },
    );
    expect(port.calls.work).toHaveLength(2);
    expect(ofType(events, "task-retry")[0]?.error.code).toBe("task_timeout");
    expect(ofType(events, "task-error")[0]?.error.code).toBe("task_timeout");
    expect(ofType(events, "run-end")[0]?.status).toBe("partial");
  });

  it("tells dependents exactly what is missing when a dependency fails", async () => {
    const plan = scriptedPlan([task("a"), task("b"), task("review", ["a", "b"], "medium", "reviewer")]);
    const seen: unknown[] = [];
    const { events } = await run({
      plan,
      work: (input) => {
        if (input.task.id === "a") throw new ForemanError("model_bad_request", "document too long for a");
        if (input.task.id === "review") seen.push(input.dependencies);
        return { status: "success", result: `did ${input.task.id}`, findings: [], errors: [], usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 } };
      },
    });
    expect(seen[0]).toEqual([
      { taskId: "a", worker: "summarizer", description: "Task a", status: "failed", reason: "document too long for a (model_bad_request)" },
      expect.objectContaining({ taskId: "b", status: "succeeded", output: expect.objectContaining({ result: "did b" }) }),
    ]);
    const report = ofType(events, "synthesis-end")[0]?.report;
    expect(report?.gaps).toEqual([{ taskId: "a", description: "Task a", reason: "document too long for a (model_bad_request)" }]);
  });

  it("stops new work on cancel and aborts running calls", async () => {
    const plan = scriptedPlan([task("a"), task("b", ["a"])]);
    const controller = new AbortController();
    let aborted = false;
    const resultPromise = run(
      {
        plan,
        work: (input) =>
          new Promise((_, reject) => {
            setTimeout(() => controller.abort("canceled by test"), 10);
            input.signal.addEventListener("abort", () => {
              aborted = true;
              reject(new Error("aborted"));
            });
          }),
      },
      { signal: controller.signal },
    );
    const { events, port, live } = await resultPromise;
    expect(aborted).toBe(true);
    expect(port.calls.work.map((c) => c.taskId)).toEqual(["a"]);
    expect(ofType(events, "task-skip").map((e) => e.taskId)).toEqual(["b"]);
    expect(events.at(-1)).toMatchObject({ type: "run-cancel", reason: "canceled by test" });
    expect(live.status).toBe("canceled");
    expect(live.tasks.a?.status).toBe("canceled"); // stopped by the user, not a failure
    expect(live.tasks.b?.status).toBe("skipped");
    expect(ofType(events, "synthesis-start")).toHaveLength(0);
  });

  it("emits gap-free seq and reduceRun of the log equals the live state", async () => {
    const plan = scriptedPlan([task("a"), task("b", ["a"]), task("c", ["a"]), task("d", ["b", "c"])]);
    const { events, live } = await run({ plan, latencyMs: () => 3 });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(reduceRun(events)).toEqual(live);
    expect(live.status).toBe("succeeded");
    expect(Object.values(live.tasks).every((t) => t.status === "succeeded")).toBe(true);
  });

  it("repairs an invalid plan once, then fails with the errors", async () => {
    const bad = scriptedPlan([task("a", ["a"])]);
    const good = scriptedPlan([task("a")]);
    const repaired = await run({ plan: (_input: unknown, n: number) => (n === 1 ? bad : good) });
    expect(ofType(repaired.events, "plan-end")[0]?.repaired).toBe(true);
    expect(repaired.live.status).toBe("succeeded");

    const failed = await run({ plan: bad });
    expect(failed.port.calls.plan).toBe(2);
    expect(failed.live.status).toBe("failed");
    expect(failed.live.error).toMatchObject({ code: "plan_invalid", details: ['task "a" depends on itself'] });
  });

  it("answers a direct plan without workers", async () => {
    const { events, port } = await run({ plan: { analysis: "simple", mode: "direct", directAnswer: "It is a contract.", tasks: [] } });
    expect(port.calls.work).toHaveLength(0);
    expect(ofType(events, "synthesis-end")[0]?.report).toMatchObject({ narrative: "It is a contract.", direct: true });
  });
});
