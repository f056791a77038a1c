import { describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import { ForemanError } from "@/lib/engine/errors";
import type { RunEvent, RunLimits } from "@/lib/engine/events";
import { applyEvent, initialRunState, reduceRun } from "@/lib/engine/reduce-run";
import { continueRun, executeRun } from "@/lib/engine/run-engine";
import type { RunState } from "@/lib/engine/run-state";
import { createScriptedPort, scriptedPlan, task, type ScriptedOptions } from "@/lib/llm/scripted/scripted-port";
import { makeDocument } from "../support/make-document";

const document = makeDocument("Alpha beta gamma.");
const input = { document, request: "r" };
const LIMITS: RunLimits = { maxTasks: 8, concurrency: 2, taskTimeoutMs: 5_000, maxAttempts: 2 };

function harness(script: ScriptedOptions, runId = "r1") {
  const port = createScriptedPort(script);
  let state = initialRunState(runId);
  const { sink, events } = createMemorySink({ runId, onEvent: (e) => (state = applyEvent(state, e)) });
  return { port, sink, events, state: () => state };
}

const diamond = scriptedPlan([task("a"), task("b", ["a"]), task("c", ["a"]), task("d", ["b", "c"])]);

describe("re-running one task", () => {
  it("runs a failed task and its dependents again, reuses every other output, and re-synthesises", async () => {
    const ok = { inputTokens: 1, outputTokens: 1, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 };
    const h = harness({
      plan: diamond,
      work: (i) => {
        if (i.task.id === "b" && i.attempt === 1) throw new ForemanError("model_bad_request", "prompt too long");
        return { status: "success", result: `${i.task.id}: ${i.task.description}`, findings: [], errors: [], usage: ok };
      },
    });
    await executeRun(input, { port: h.port, sink: h.sink, signal: new AbortController().signal, limits: LIMITS });
    expect(h.state().status).toBe("partial");
    expect(h.state().tasks.b?.status).toBe("failed");
    expect(h.state().report?.gaps.map((g) => g.taskId)).toEqual(["b"]);

    // What the run service does on "retry task b with a new description".
    await h.sink({ type: "task-reset", taskIds: ["b", "d"], edited: { taskId: "b", description: "Look harder" }, reason: "retried by the user" });
    h.port.calls.work.length = 0;
    await continueRun(h.state(), input, { port: h.port, sink: h.sink, signal: new AbortController().signal });

    expect(h.port.calls.work).toEqual([{ taskId: "b", attempt: 2 }, { taskId: "d", attempt: 2 }]);
    expect(h.port.calls.synthesize).toBe(2);
    const state = h.state();
    expect(state.status).toBe("succeeded");
    expect(state.tasks.b?.task.description).toBe("Look harder");
    expect(state.plan?.tasks.find((t) => t.id === "b")?.description).toBe("Look harder");
    expect(state.tasks.b?.output?.result).toBe("b: Look harder");
    expect(state.tasks.b?.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, "failed"], [2, "succeeded"]]);
    expect(state.report?.gaps).toEqual([]);
    expect(state.tasks.d?.earlierOutputs).toHaveLength(1); // the round without b's output is kept
    expect(state.tasks.b?.startedAt).toBe(state.tasks.b?.attempts[1]?.startedAt); // elapsed counts from the new round
    expect(reduceRun(h.events)).toEqual(state);
  });
});

describe("resume", () => {
  it("does not plan again, reuses ended tasks and re-sends only the one in flight", async () => {
    const h = harness({ plan: diamond });
    const controller = new AbortController();
    // Simulate a crash: keep the log up to the moment b and c are in flight, drop the rest.
    await executeRun(input, { port: h.port, sink: h.sink, signal: controller.signal, limits: LIMITS });
    const cut = h.events.findIndex((e) => e.type === "task-end" && e.taskId === "b");
    const log: RunEvent[] = h.events.slice(0, cut);
    const crashed: RunState = reduceRun(log);
    expect(crashed.tasks.b?.status).toBe("running");

    const after = harness({ plan: diamond });
    for (const e of log) after.sink({ ...e }); // replay into a fresh sink so seq continues
    await continueRun(crashed, input, { port: after.port, sink: after.sink, signal: new AbortController().signal });
    expect(after.port.calls.plan).toBe(0);
    const resent = after.port.calls.work.map((c) => c.taskId).sort();
    expect(resent).toEqual(crashed.tasks.c?.status === "succeeded" ? ["b", "d"] : ["b", "c", "d"]);
    expect(after.port.calls.work.find((c) => c.taskId === "b")?.attempt).toBe(2);
    expect(after.state().status).toBe("succeeded");
    expect(after.events.map((e) => e.seq)).toEqual(after.events.map((_, i) => i + 1));
  });
});

describe("budgets", () => {
  const slowPlan = scriptedPlan([task("a"), task("b"), task("c", ["a", "b"]), task("d", ["c"])]);

  it("stops at the token budget, skips what did not start and keeps a report of what finished", async () => {
    // The scripted port spends 150 tokens planning and 15 per task.
    const h = harness({ plan: slowPlan });
    await executeRun(input, { port: h.port, sink: h.sink, signal: new AbortController().signal, limits: { ...LIMITS, maxTokens: 170 } });
    const state = h.state();
    expect(state.status).toBe("failed");
    expect(state.error).toMatchObject({ code: "budget_exceeded", message: "Token budget reached: 180 of 170 tokens used." });
    expect(state.tasks.d?.status).toBe("skipped");
    expect(state.tasks.d?.skipReason).toContain("Token budget reached");
    expect(state.report?.narrative).toContain("The run stopped early.");
    expect(state.report?.gaps.map((g) => g.taskId)).toContain("d");
  });

  it("stops at the cost budget", async () => {
    const costly = { inputTokens: 1, outputTokens: 1, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0.02 };
    const h = harness({ plan: slowPlan, work: (i) => ({ status: "success", result: i.task.id, findings: [], errors: [], usage: costly }) });
    await executeRun(input, { port: h.port, sink: h.sink, signal: new AbortController().signal, limits: { ...LIMITS, concurrency: 1, maxCostUsd: 0.03 } });
    expect(h.state().error).toMatchObject({ code: "budget_exceeded", message: "Cost budget reached: $0.0400 of $0.03 spent." });
    expect(h.port.calls.work).toHaveLength(2);
  });

  it("stops at the wall-time budget and aborts the task in flight", async () => {
    const h = harness({ plan: slowPlan, latencyMs: () => 200 });
    await executeRun(input, { port: h.port, sink: h.sink, signal: new AbortController().signal, limits: { ...LIMITS, maxWallMs: 50 } });
    const state = h.state();
    expect(state.error).toMatchObject({ code: "budget_exceeded", message: "Time budget reached: the run may take 50 ms." });
    expect(state.tasks.a?.error?.code).toBe("budget_exceeded");
    expect(state.tasks.c?.status).toBe("skipped");
  });

  it("stops at the task cap: a plan over the cap is repaired or refused", async () => {
    const big = scriptedPlan(Array.from({ length: 5 }, (_, i) => task(`t${i}`)));
    const h = harness({ plan: big });
    await executeRun(input, { port: h.port, sink: h.sink, signal: new AbortController().signal, limits: { ...LIMITS, maxTasks: 3 } });
    expect(h.state().error).toMatchObject({ code: "plan_invalid", details: ["too many tasks: 5 planned, the cap is 3"] });
    expect(h.port.calls.work).toHaveLength(0);
  });
});
