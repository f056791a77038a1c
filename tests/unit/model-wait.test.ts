import { describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import type { RunEvent } from "@/lib/engine/events";
import { reduceRun } from "@/lib/engine/reduce-run";
import { executeRun } from "@/lib/engine/run-engine";
import { sleep } from "@/lib/engine/retry";
import { ZERO_USAGE } from "@/lib/engine/usage";
import { toGraph } from "@/lib/graph/to-graph";
import { taskNodeId } from "@/lib/graph/graph-types";
import { createScriptedPort, scriptedPlan, task } from "@/lib/llm/scripted/scripted-port";
import { makeDocument } from "../support/make-document";
import { planEnd, planTask, runStart, stampEvents } from "../support/run-events";

describe("model-wait events", () => {
  const start = Date.parse("2025-01-01T00:00:00.000Z");

  it("show a live countdown on the waiting task's node and clear when its answer streams", () => {
    const until = new Date(start + 2_000 + 12_000).toISOString(); // the wait event is stamped at +2 s
    const waiting = stampEvents([runStart(), planEnd([planTask("a")]), { type: "model-wait", taskId: "a", wait: { reason: "rate_limit", until } }], {
      startMs: start,
    });
    const state = reduceRun(waiting);
    expect(state.tasks.a?.wait).toEqual({ reason: "rate_limit", until });
    const node = toGraph(state, { now: start + 2_000 }).nodes.find((n) => n.id === taskNodeId("a"));
    expect(node?.data.wait).toEqual({ label: "waiting for rate limit (retry in 12 s)", short: "Rate limit · retry 12 s" });
    const later = toGraph(state, { now: start + 2_000 + 11_500 }).nodes.find((n) => n.id === taskNodeId("a"));
    expect(later?.data.wait?.label).toBe("waiting for rate limit (retry in 1 s)");

    const streaming = stampEvents(
      [
        runStart(),
        planEnd([planTask("a")]),
        { type: "model-wait", taskId: "a", wait: { reason: "rate_limit", until } },
        { type: "task-start", taskId: "a", attempt: 1 },
        { type: "model-wait", taskId: "a", wait: { reason: "call_limit" } },
      ],
      { startMs: start },
    );
    expect(reduceRun(streaming).tasks.a?.wait).toEqual({ reason: "call_limit" });
    const ended = stampEvents([...streaming.map(({ runId: _r, seq: _s, at: _a, ...draft }) => draft as never), { type: "task-delta", taskId: "a", attempt: 1, text: "x" }], {
      startMs: start,
    });
    expect(reduceRun(ended).tasks.a?.wait).toBeUndefined();
  });

  it("mark the plan call's wait on the orchestrator node, and a null wait ends it", () => {
    const events = stampEvents([runStart(), { type: "model-wait", wait: { reason: "overloaded", until: new Date(start + 6_000).toISOString() } }], { startMs: start });
    expect(toGraph(reduceRun(events), { now: start + 1_000 }).nodes[0]?.data.wait?.label).toBe("waiting: the API is overloaded (retry in 5 s)");
    const over = stampEvents([runStart(), { type: "model-wait", wait: { reason: "overloaded" } }, { type: "model-wait", wait: null }], { startMs: start });
    expect(reduceRun(over).callWait).toBeUndefined();
  });

  it("do not count the wait against the task's timeout", async () => {
    // The call waits twice as long as the task timeout, then answers at once: it must succeed.
    const port = createScriptedPort({
      plan: scriptedPlan([task("a")]),
      work: async (input) => {
        input.onWait?.({ reason: "rate_limit", until: new Date(Date.now() + 1_000).toISOString() });
        await sleep(1_000, input.signal);
        input.onWait?.(null);
        return { status: "success", result: "done", findings: [], errors: [], usage: ZERO_USAGE };
      },
    });
    const { sink, events } = createMemorySink({ runId: "r1" });
    await executeRun(
      { document: makeDocument("The supplier shall deliver the goods."), request: "analyse" },
      { port, sink, signal: new AbortController().signal, limits: { maxTasks: 8, concurrency: 2, taskTimeoutMs: 500, maxAttempts: 1 } },
    );
    const waits = events.filter((e): e is Extract<RunEvent, { type: "model-wait" }> => e.type === "model-wait");
    expect(waits.map((w) => w.wait?.reason ?? null)).toEqual(["rate_limit", null]);
    expect(reduceRun(events).tasks.a?.status).toBe("succeeded");
  });
});
