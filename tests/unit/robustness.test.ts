import { describe, expect, it } from "vitest";
import { runDag, type TaskOutcome } from "@/lib/engine/dag-runner";
import { ForemanError } from "@/lib/engine/errors";
import type { RunEvent } from "@/lib/engine/events";
import { reduceRun } from "@/lib/engine/reduce-run";
import { withRetries } from "@/lib/engine/retry";
import { task } from "@/lib/llm/scripted/scripted-port";

describe("withRetries", () => {
  it("gives a re-run the full number of attempts, continuing the numbering", async () => {
    const seen: number[] = [];
    await expect(
      withRetries({
        policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
        signal: new AbortController().signal,
        sleep: async () => undefined,
        random: () => 0,
        firstAttempt: 4,
        attempt: async (n) => {
          seen.push(n);
          throw new ForemanError("model_overloaded", "busy");
        },
      }),
    ).rejects.toThrow("busy");
    expect(seen).toEqual([4, 5, 6]);
  });
});

describe("runDag", () => {
  it("starts nothing new after a task crashes, lets running tasks settle, then rejects", async () => {
    const started: string[] = [];
    let settled = false;
    const done: TaskOutcome = { status: "skipped", reason: "x" };
    const result = runDag({
      tasks: [task("a"), task("b"), task("c", ["a"]), task("d")],
      concurrency: 2,
      signal: new AbortController().signal,
      runTask: async (t) => {
        started.push(t.id);
        if (t.id === "a") throw new Error("events cannot be stored");
        await new Promise((r) => setTimeout(r, 20));
        settled = true;
        return done;
      },
      onNotStarted: () => undefined,
    });
    await expect(result).rejects.toThrow("events cannot be stored");
    expect(settled).toBe(true); // b finished before the rejection
    expect(started).toEqual(["a", "b"]);
  });
});

describe("reduceRun after a restart", () => {
  const base = { runId: "r", at: "2026-01-01T00:00:00.000Z" };
  /** A run whose one task, a, was under way (attempt 1) when its server stopped. */
  const taskAUnderWay = [
    { ...base, seq: 1, type: "run-start", request: "r", document: { title: "t", fileName: "f", mediaType: "text/plain", format: "text", byteSize: 1, sha256: "x", chars: 1 }, backend: "scripted", models: { orchestrator: "o", worker: "w", synthesis: "s" }, limits: { maxTasks: 8, concurrency: 2, taskTimeoutMs: 1000, maxAttempts: 2 } },
    { ...base, seq: 2, type: "plan-end", plan: { analysis: "", mode: "orchestrate", tasks: [task("a")] }, usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 }, repaired: false },
    { ...base, seq: 3, type: "task-start", taskId: "a", attempt: 1 },
  ] as RunEvent[];

  it("shows a resumed run waiting for a slot as pending (Queued) and gives its status back with its next event", () => {
    const start = taskAUnderWay;
    expect(reduceRun(start).status).toBe("running");
    const queued = [...start, { ...base, seq: 4, type: "run-queued", reason: "no slot" }, { ...base, seq: 5, type: "run-queued", reason: "no slot" }] as RunEvent[];
    const waiting = reduceRun(queued);
    expect(waiting).toMatchObject({ status: "pending", queuedFrom: "running" });
    // The attempt the stopped executor had in flight has ended; its task waits with the run.
    expect(waiting.tasks.a).toMatchObject({ status: "pending", attempts: [{ attempt: 1, outcome: "failed", error: { code: "interrupted" } }] });
    const resumed = reduceRun([...queued, { ...base, seq: 6, type: "run-resume", reason: "restart" }] as RunEvent[]);
    expect(resumed.status).toBe("running");
    expect(resumed.queuedFrom).toBeUndefined();
    expect(resumed.resumeCount).toBe(1);
    const canceled = reduceRun([...queued, { ...base, seq: 6, type: "run-cancel", reason: "stop" }] as RunEvent[]);
    expect(canceled).toMatchObject({ status: "canceled", queuedFrom: undefined });
  });

  it("closes the attempts that were under way when the server stopped", () => {
    const events = [
      ...taskAUnderWay,
      { ...base, seq: 4, type: "run-resume", reason: "restart", at: "2026-01-01T00:01:00.000Z" },
      { ...base, seq: 5, type: "task-start", taskId: "a", attempt: 2 },
    ] as RunEvent[];
    const state = reduceRun(events);
    expect(state.resumeCount).toBe(1);
    expect(state.tasks.a?.attempts).toEqual([
      { attempt: 1, startedAt: base.at, endedAt: "2026-01-01T00:01:00.000Z", outcome: "failed", error: { code: "interrupted", message: "The server stopped during this attempt." } },
      { attempt: 2, startedAt: base.at },
    ]);
  });
});
