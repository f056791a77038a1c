import { describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import type { RunLimits } from "@/lib/engine/events";
import { checkPlanEdit, newTaskId } from "@/lib/engine/plan-edits";
import { applyEvent, initialRunState, reduceRun } from "@/lib/engine/reduce-run";
import { continueRun, executeRun } from "@/lib/engine/run-engine";
import { createScriptedPort, scriptedPlan, task, type ScriptedOptions } from "@/lib/llm/scripted/scripted-port";
import { makeDocument } from "../support/make-document";

const document = makeDocument("Alpha beta gamma.");
const LIMITS: RunLimits = { maxTasks: 8, concurrency: 2, taskTimeoutMs: 5_000, maxAttempts: 2 };
const diamond = scriptedPlan([task("a"), task("b", ["a"]), task("c", ["a"]), task("d", ["b", "c"])]);
const signal = () => new AbortController().signal;

function harness(script: ScriptedOptions) {
  const port = createScriptedPort(script);
  let state = initialRunState("r1");
  const { sink, events } = createMemorySink({ runId: "r1", onEvent: (e) => (state = applyEvent(state, e)) });
  return { port, sink, events, state: () => state };
}

describe("review before the plan runs", () => {
  it("stops after planning in awaiting-approval, without any worker call", async () => {
    const h = harness({ plan: diamond });
    await executeRun({ document, request: "r", review: true }, { port: h.port, sink: h.sink, signal: signal(), limits: LIMITS });
    expect(h.state().status).toBe("awaiting-approval");
    expect(h.events.map((e) => e.type)).toEqual(["run-start", "plan-end"]);
    expect(h.port.calls.work).toEqual([]);
    expect(reduceRun(h.events)).toEqual(h.state());
    // Carrying the run on (a restart) does nothing while it waits.
    await continueRun(h.state(), { document, request: "r" }, { port: h.port, sink: h.sink, signal: signal() });
    expect(h.events).toHaveLength(2);
  });

  it("runs exactly the plan the person edited and approved", async () => {
    const h = harness({ plan: diamond, work: (i) => ({ status: "success", result: `${i.task.id}: ${i.task.description}`, findings: [], errors: [], usage: { inputTokens: 1, outputTokens: 1, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 } }) });
    await executeRun({ document, request: "r", review: true }, { port: h.port, sink: h.sink, signal: signal(), limits: LIMITS });

    // Edit: reword a, drop c, add e after b; d no longer waits for c.
    const edited = [
      { ...task("a"), description: "Only the dates" },
      task("b", ["a"]),
      task("d", ["b"]),
      { ...task("e", ["b"]), worker: "reviewer" },
    ];
    const check = checkPlanEdit(h.state(), edited);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    await h.sink({ type: "plan-edit", plan: check.plan, by: "tester" });
    expect(h.state().status).toBe("awaiting-approval");
    expect(h.state().taskOrder).toEqual(["a", "b", "d", "e"]);
    expect(h.state().proposedPlan?.tasks.map((t) => t.id)).toEqual(["a", "b", "c", "d"]);

    const approve = await h.sink({ type: "plan-approve", by: "tester" });
    expect(approve.type).toBe("plan-approve");
    await continueRun(h.state(), { document, request: "r" }, { port: h.port, sink: h.sink, signal: signal() });
    expect(h.port.calls.plan).toBe(1);
    expect(h.port.calls.work.map((c) => c.taskId).sort()).toEqual(["a", "b", "d", "e"]);
    expect(h.state().tasks.a?.output?.result).toBe("a: Only the dates");
    expect(h.state().status).toBe("succeeded");
    expect(h.state().planEdits).toEqual([{ at: expect.any(String), by: "tester" }]);
    expect(reduceRun(h.events)).toEqual(h.state());
  });

  it("refuses an invalid edit with the validator's reason on the task or edge", () => {
    const state = reduceRun([
      { runId: "r", seq: 1, at: "t", type: "run-start", request: "r", document: { title: "t", fileName: "f", mediaType: "text/plain", format: "text", byteSize: 1, sha256: "x", chars: 1 }, backend: "scripted", models: { orchestrator: "s", worker: "s", synthesis: "s" }, limits: LIMITS, review: true },
      { runId: "r", seq: 2, at: "t", type: "plan-end", plan: diamond, usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 }, repaired: false },
    ]);
    const cyclic = checkPlanEdit(state, [task("a", ["d"]), task("b", ["a"]), task("c", ["a"]), task("d", ["b", "c"])]);
    expect(cyclic.ok).toBe(false);
    if (cyclic.ok) return;
    expect(cyclic.issues).toEqual([{ message: "dependency cycle: a → b → d → a", taskIds: ["b", "d", "a"], edges: [{ from: "a", to: "b" }, { from: "b", to: "d" }, { from: "d", to: "a" }] }]);
    const unknown = checkPlanEdit(state, [{ ...task("a"), worker: "astrologer" }]);
    expect(unknown.ok ? [] : unknown.issues.map((i) => i.taskIds)).toEqual([["a"]]);
  });

  it("gives a new task a readable id from its worker and refuses a malformed new id with a suggestion", () => {
    expect(newTaskId("key-facts", diamond.tasks)).toBe("key-facts");
    expect(newTaskId("key-facts", [...diamond.tasks, task("key-facts"), task("key-facts-2")])).toBe("key-facts-3");
    expect(newTaskId("custom", [])).toBe("custom");
    const state = reduceRun([
      { runId: "r", seq: 1, at: "t", type: "run-start", request: "r", document: { title: "t", fileName: "f", mediaType: "text/plain", format: "text", byteSize: 1, sha256: "x", chars: 1 }, backend: "scripted", models: { orchestrator: "s", worker: "s", synthesis: "s" }, limits: LIMITS, review: true },
      // The orchestrator's own ids are kept whatever they look like.
      { runId: "r", seq: 2, at: "t", type: "plan-end", plan: scriptedPlan([task("step 1")]), usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 }, repaired: false },
    ]);
    expect(checkPlanEdit(state, [task("step 1"), task("dates-check", ["step 1"])]).ok).toBe(true);
    const bad = checkPlanEdit(state, [task("step 1"), { ...task("my dates", ["step 1"]), worker: "key-facts" }, task("a->b")]);
    expect(bad.ok ? [] : bad.issues).toEqual([
      { message: 'task id "my dates": use letters, digits, "-", "_" or "." (no spaces, at most 64), e.g. "key-facts"', taskIds: ["my dates"] },
      { message: 'task id "a->b": use letters, digits, "-", "_" or "." (no spaces, at most 64), e.g. "summarizer"', taskIds: ["a->b"] },
    ]);
  });

  it("re-plans with the person's note and waits again", async () => {
    const h = harness({ plan: (_input: unknown, call: number) => (call === 1 ? diamond : scriptedPlan([task("x")])) });
    await executeRun({ document, request: "r", review: true }, { port: h.port, sink: h.sink, signal: signal(), limits: LIMITS });
    await h.sink({ type: "plan-replan", note: "Only one task, please", by: "tester" });
    expect(h.state().status).toBe("planning");
    await continueRun(h.state(), { document, request: "r" }, { port: h.port, sink: h.sink, signal: signal() });
    expect(h.port.calls.planInputs[1]?.revision).toEqual({ previous: diamond, note: "Only one task, please" });
    expect(h.state().status).toBe("awaiting-approval");
    expect(h.state().taskOrder).toEqual(["x"]);
    expect(h.port.calls.work).toEqual([]);
    expect(reduceRun(h.events)).toEqual(h.state());
  });
});

describe("workers that ask for more", () => {
  const asks = (taskId: string, request = "Schedule 4 is not covered") => (i: Parameters<NonNullable<ScriptedOptions["work"]>>[0]) => ({
    status: "success" as const,
    result: i.task.id,
    findings: [],
    errors: [],
    ...(i.task.id === taskId ? { followUp: request } : {}),
    usage: { inputTokens: 10, outputTokens: 5, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 },
  });
  const addSchedule = { reason: "Nobody reads Schedule 4.", tasks: [{ ...task("schedule-4", ["b"]), focus: "Schedule 4" }] };

  it("extends the plan live, runs the new task after what it depends on, and says why in the report", async () => {
    const h = harness({ plan: diamond, work: asks("b"), extend: () => addSchedule });
    await executeRun({ document, request: "r" }, { port: h.port, sink: h.sink, signal: signal(), limits: LIMITS });
    const state = h.state();
    expect(state.status).toBe("succeeded");
    expect(h.port.calls.extend.map((e) => e.followUp)).toEqual([{ taskId: "b", result: "b", request: "Schedule 4 is not covered" }]);
    expect(state.taskOrder).toEqual(["a", "b", "c", "d", "schedule-4"]);
    expect(state.tasks["schedule-4"]?.status).toBe("succeeded");
    const extendAt = h.events.findIndex((e) => e.type === "plan-extend");
    const startAt = h.events.findIndex((e) => e.type === "task-start" && e.taskId === "schedule-4");
    expect(extendAt).toBeGreaterThan(h.events.findIndex((e) => e.type === "task-end" && e.taskId === "b"));
    expect(startAt).toBeGreaterThan(extendAt);
    expect(state.report?.extensions).toEqual([{ taskIds: ["schedule-4"], reason: "Nobody reads Schedule 4.", requestedBy: "b", request: "Schedule 4 is not covered" }]);
    expect(state.report?.coverage.map((c) => c.taskId)).toContain("schedule-4");
    expect(state.usage.inputTokens).toBe(100 + 5 * 10 + 40); // plan + five tasks + the extension call
    expect(reduceRun(h.events)).toEqual(state);
  });

  it("starts an added task as soon as its dependency ends, while a long task of the plan still runs", { timeout: 10_000 }, async () => {
    // c is the long task: its worker answers only after schedule-4 (added when b asks) has ended.
    // Before the fix the added task waited for every running task to end, so this run never finished.
    let schedule4Ended!: () => void;
    const gate = new Promise<void>((resolve) => (schedule4Ended = resolve));
    const script = asks("b");
    let planSeenByAdded: string[] = [];
    const port = createScriptedPort({
      plan: diamond,
      work: async (i) => {
        if (i.task.id === "c") await gate;
        if (i.task.id === "schedule-4") planSeenByAdded = (i.plan ?? []).map((t) => t.id);
        return script(i);
      },
      extend: () => addSchedule,
    });
    let state = initialRunState("r1");
    let cWhenAddedStarted: string | undefined;
    const { sink, events } = createMemorySink({
      runId: "r1",
      onEvent: (e) => {
        state = applyEvent(state, e);
        if (e.type === "task-start" && e.taskId === "schedule-4") cWhenAddedStarted = state.tasks.c?.status;
        if (e.type === "task-end" && e.taskId === "schedule-4") schedule4Ended();
      },
    });
    await executeRun({ document, request: "r" }, { port, sink, signal: signal(), limits: { ...LIMITS, concurrency: 3 } });
    expect(cWhenAddedStarted).toBe("running");
    const order = events.flatMap((e) => (e.type === "task-start" || e.type === "task-end" ? [`${e.type === "task-start" ? "start" : "end"} ${e.taskId}`] : []));
    expect(order.indexOf("start schedule-4")).toBeLessThan(order.indexOf("end c"));
    expect(order.indexOf("end schedule-4")).toBeLessThan(order.indexOf("end c"));
    expect(order.indexOf("start d")).toBeGreaterThan(order.indexOf("end c"));
    // The worker of the added task saw the plan with itself in it.
    expect(planSeenByAdded).toEqual(["a", "b", "c", "d", "schedule-4"]);
    expect(state.status).toBe("succeeded");
    expect(state.tasks["schedule-4"]?.status).toBe("succeeded");
    expect(reduceRun(events)).toEqual(state);
  });

  it("refuses an extension over the task cap without asking the orchestrator", async () => {
    const h = harness({ plan: diamond, work: asks("a"), extend: () => addSchedule });
    await executeRun({ document, request: "r" }, { port: h.port, sink: h.sink, signal: signal(), limits: { ...LIMITS, maxTasks: 4 } });
    expect(h.port.calls.extend).toEqual([]);
    const refused = h.events.find((e) => e.type === "plan-extend-refused");
    expect(refused).toMatchObject({ cause: "task-cap", requestedBy: "a", reason: "The plan already has 4 tasks, the run's cap." });
    expect(h.state().status).toBe("succeeded");
    expect(h.state().extensions).toMatchObject([{ outcome: "refused", cause: "task-cap" }]);
  });

  it("refuses an extension the token budget cannot pay for", async () => {
    // Plan 150 tokens and 15 per task: when d (the last) asks, 210 are spent and one more task
    // is estimated at 15, past the budget of 215 — refused before the orchestrator is asked.
    const h = harness({ plan: diamond, work: asks("d"), extend: () => addSchedule });
    await executeRun({ document, request: "r" }, { port: h.port, sink: h.sink, signal: signal(), limits: { ...LIMITS, maxTokens: 215 } });
    const refused = h.events.find((e) => e.type === "plan-extend-refused");
    expect(refused).toMatchObject({ cause: "budget", requestedBy: "d" });
    expect(refused?.type === "plan-extend-refused" && refused.reason).toMatch(/exceeds the budget of 215/);
    expect(h.port.calls.extend).toEqual([]);
    expect(h.state().status).toBe("succeeded");
  });

  it("asks at most maxExtensions times", async () => {
    const h = harness({
      plan: scriptedPlan([task("a"), task("b"), task("c")]),
      work: (i) => ({ ...asks(i.task.id, `more after ${i.task.id}`)(i) }),
      extend: (_input, call) => ({ reason: "more", tasks: call === 1 ? [task(`x${call}`, ["a"])] : [] }),
    });
    await executeRun({ document, request: "r" }, { port: h.port, sink: h.sink, signal: signal(), limits: { ...LIMITS, concurrency: 1, maxExtensions: 2 } });
    expect(h.port.calls.extend).toHaveLength(2);
    const outcomes = h.state().extensions.map((e) => [e.requestedBy, e.outcome, e.cause]);
    expect(outcomes).toEqual([
      ["a", "added", undefined],
      ["b", "refused", "declined"],
      ["c", "refused", "rounds"],
      ["x1", "refused", "rounds"],
    ]);
  });

  it("with review on, an extension waits for approval and holds no worker", async () => {
    const h = harness({ plan: diamond, work: asks("b"), extend: () => addSchedule });
    await executeRun({ document, request: "r", review: true }, { port: h.port, sink: h.sink, signal: signal(), limits: LIMITS });
    await h.sink({ type: "plan-approve", by: "tester" });
    await continueRun(h.state(), { document, request: "r" }, { port: h.port, sink: h.sink, signal: signal() });
    expect(h.state().status).toBe("awaiting-approval");
    expect(h.events.at(-1)?.type).toBe("plan-review");
    expect(h.state().unapproved).toEqual(["schedule-4"]);
    expect(h.port.calls.work.map((c) => c.taskId)).not.toContain("schedule-4");
    expect(h.port.calls.synthesize).toBe(0);
    // An edit may not change a task that already ran.
    const changed = checkPlanEdit(h.state(), h.state().plan?.tasks.map((t) => (t.id === "a" ? { ...t, description: "x" } : t)));
    expect(changed.ok ? [] : changed.errors).toEqual(['task "a" already ran and cannot be changed']);

    await h.sink({ type: "plan-approve", by: "tester" });
    await continueRun(h.state(), { document, request: "r" }, { port: h.port, sink: h.sink, signal: signal() });
    expect(h.port.calls.work.filter((c) => c.taskId === "schedule-4")).toHaveLength(1);
    expect(h.port.calls.work).toHaveLength(5); // nothing that ran before ran again
    expect(h.state().status).toBe("succeeded");
    expect(reduceRun(h.events)).toEqual(h.state());
  });
});

describe("the offline engine asks for more", () => {
  it("adds a task for a part of the document that the text refers to and no task covers", async () => {
    const { readFileSync } = await import("node:fs");
    const { createOfflinePort } = await import("@/lib/llm/offline");
    const text = readFileSync(new URL("../fixtures/contract-schedules.txt", import.meta.url), "utf8");
    const port = createOfflinePort();
    let state = initialRunState("off");
    const { sink, events } = createMemorySink({ runId: "off", onEvent: (e) => (state = applyEvent(state, e)) });
    await executeRun({ document: makeDocument(text), request: "Analyse this contract" }, { port, sink, signal: signal(), limits: LIMITS });
    const extend = events.find((e) => e.type === "plan-extend");
    expect(extend?.type === "plan-extend" && extend.tasks.map((t) => [t.id, t.focus])).toEqual([["schedule-4", "Schedule 4"]]);
    expect(extend?.type === "plan-extend" && extend.request).toBe("The document refers to Schedule 4, which no task of the plan analyses.");
    expect(state.tasks["schedule-4"]?.status).toBe("succeeded");
    expect(state.report?.extensions?.[0]?.taskIds).toEqual(["schedule-4"]);
    expect(events.filter((e) => e.type === "plan-extend-refused")).toEqual([]);
    expect(reduceRun(events)).toEqual(state);
  });

  it("does not ask when the document only mentions a part it does not contain", async () => {
    const { createOfflinePort } = await import("@/lib/llm/offline");
    const { sink, events } = createMemorySink({ runId: "off2" });
    const text = "1.1 The Supplier shall provide the services in Schedule 1.\n2.1 The Customer shall pay within 30 days.";
    await executeRun({ document: makeDocument(text), request: "Analyse this contract" }, { port: createOfflinePort(), sink, signal: signal(), limits: LIMITS });
    expect(events.some((e) => e.type === "plan-extend" || e.type === "plan-extend-refused")).toBe(false);
  });
});
