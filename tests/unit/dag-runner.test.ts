import { describe, expect, it } from "vitest";
import { runDag, type TaskOutcome } from "@/lib/engine/dag-runner";
import type { PlanTask } from "@/lib/engine/plan";
import { task } from "@/lib/llm/scripted/scripted-port";

const done: TaskOutcome = {
  status: "succeeded",
  output: {
    status: "success",
    result: "",
    findings: [],
    errors: [],
    usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 },
    timing: { startedAt: "t", endedAt: "t", durationMs: 0 },
  },
};

describe("runDag with tasks added while it runs", () => {
  it("adds them after the task that ended, orders them by priority with the ready ones, and releases their own dependents", async () => {
    const plan: PlanTask[] = [task("a"), task("b"), task("c")];
    const added: PlanTask[] = [];
    const started: string[] = [];
    const outcomes = await runDag({
      tasks: plan,
      concurrency: 1,
      signal: new AbortController().signal,
      runTask: async (t) => {
        started.push(t.id);
        // a asks for more: a high-priority x after a, and y after x.
        if (t.id === "a") added.push(task("x", ["a"], "high"), task("y", ["x"], "low"));
        return done;
      },
      moreTasks: () => [...plan, ...added],
      onNotStarted: () => undefined,
    });
    expect(started).toEqual(["a", "x", "b", "c", "y"]);
    expect([...outcomes.keys()].sort()).toEqual(["a", "b", "c", "x", "y"]);
  });

  it("reports added tasks that never started when the run is aborted", async () => {
    const controller = new AbortController();
    const notStarted: string[] = [];
    await runDag({
      tasks: [task("a")],
      concurrency: 1,
      signal: controller.signal,
      runTask: async () => {
        controller.abort("stop");
        return done;
      },
      moreTasks: () => [task("a"), task("x", ["a"])],
      onNotStarted: (t) => void notStarted.push(t.id),
    });
    expect(notStarted).toEqual(["x"]);
  });
});
