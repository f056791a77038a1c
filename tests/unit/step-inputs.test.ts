import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import { runEventSchema, type RunLimits } from "@/lib/engine/events";
import { reduceRun } from "@/lib/engine/reduce-run";
import { executeRun } from "@/lib/engine/run-engine";
import { createClaudePort, DEFAULT_MODELS } from "@/lib/llm/claude";
import { createScriptedPort, scriptedPlan, task } from "@/lib/llm/scripted/scripted-port";
import { makeDocument } from "../support/make-document";
import { startMockAnthropic, type MockAnthropic } from "../support/mock-anthropic";

const LIMITS: RunLimits = { maxTasks: 8, concurrency: 2, taskTimeoutMs: 5_000, maxAttempts: 2 };

describe("what each step was given is stored at its start", () => {
  it("stores what a stalled scripted task was given in a form the log can read back (no Infinity → null)", async () => {
    const port = createScriptedPort({ plan: scriptedPlan([task("a")]), latencyMs: (_t, attempt) => (attempt === 1 ? Number.POSITIVE_INFINITY : 0) });
    const { sink, events } = createMemorySink({ runId: "r" });
    await executeRun({ document: makeDocument("Alpha."), request: "r" }, { port, sink, signal: new AbortController().signal, limits: { ...LIMITS, taskTimeoutMs: 50 } });
    const start = events.find((e) => e.type === "task-start");
    expect(start?.inputs?.settings).toMatchObject({ firstAttempt: "answers only when aborted" });
    for (const event of events) expect(runEventSchema.safeParse(JSON.parse(JSON.stringify(event))).success, event.type).toBe(true);
  });

  it("records the dependency outputs each task received and the task outputs the synthesis received", async () => {
    const document = makeDocument("Alpha beta gamma.");
    const port = createScriptedPort({
      plan: scriptedPlan([task("a"), task("b"), task("c", ["a", "b"])]),
      work: (i) => ({ status: "success", result: `out of ${i.task.id}`, findings: [], errors: [], usage: { inputTokens: 3, outputTokens: 2, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0.001 } }),
    });
    const { sink, events } = createMemorySink({ runId: "r" });
    await executeRun({ document, request: "r" }, { port, sink, signal: new AbortController().signal, limits: LIMITS });
    const starts = events.filter((e) => e.type === "task-start");
    const c = starts.find((e) => e.taskId === "c");
    expect(c?.inputs?.dependencies).toEqual([
      { taskId: "a", status: "succeeded", result: "out of a", findingCount: 0 },
      { taskId: "b", status: "succeeded", result: "out of b", findingCount: 0 },
    ]);
    expect(c?.inputs?.prompt).toBe("Scripted task c: Task c");
    expect(starts.find((e) => e.taskId === "a")?.inputs?.dependencies).toEqual([]);

    const state = reduceRun(events);
    expect(state.tasks.c?.attempts[0]?.inputs).toEqual(c?.inputs);
    expect(state.tasks.c?.attempts[0]?.usage).toMatchObject({ inputTokens: 3, outputTokens: 2, costUsd: 0.001 });
    expect(state.synthesisInputs?.dependencies?.map((d) => [d.taskId, d.status, d.result])).toEqual([
      ["a", "succeeded", "out of a"],
      ["b", "succeeded", "out of b"],
      ["c", "succeeded", "out of c"],
    ]);
  });
});

describe("the Claude backend's recorded prompt is the one it sends", () => {
  let mock: MockAnthropic;
  beforeAll(async () => {
    mock = await startMockAnthropic({ apiKey: "k" });
  });
  afterAll(() => mock.close());

  it("stores system prompt and instructions exactly, without the document", async () => {
    const contract = makeDocument(readFileSync("tests/fixtures/contract.txt", "utf8"), { fileName: "contract.txt" });
    const models = { orchestrator: DEFAULT_MODELS.orchestrator, worker: DEFAULT_MODELS.worker, synthesis: DEFAULT_MODELS.synthesis };
    const port = createClaudePort({ apiKey: "k", baseURL: mock.url, models });
    const { sink, events } = createMemorySink({ runId: "c" });
    await executeRun({ document: contract, request: "What are the risks?" }, { port, sink, signal: new AbortController().signal, retry: { baseDelayMs: 1, maxDelayMs: 5 } });

    const sent = mock.requests.filter((r) => r.kind === "work").map((r) => r.body);
    const starts = events.filter((e) => e.type === "task-start");
    expect(sent.length).toBe(starts.length);
    expect(starts.length).toBeGreaterThan(0);
    for (const start of starts) {
      const prompt = start.inputs?.prompt ?? "";
      expect(start.inputs?.model).toBe(models.worker);
      // The request whose instructions name this task: its system prompt and text block are in the record verbatim.
      const request = sent.find((b) => JSON.stringify(b?.messages).includes(`Task id: ${start.taskId}\\n`));
      const messages = request?.messages as { content: { type: string; text?: string }[] }[] | undefined;
      const text = messages?.[0]?.content.find((c) => c.type === "text")?.text;
      expect(start.inputs?.settings.max_tokens).toBe(request?.max_tokens);
      expect(text, start.taskId).toBeDefined();
      expect(prompt.endsWith(text ?? "\u0000")).toBe(true);
      expect(typeof request?.system).toBe("string");
      expect(prompt).toContain(String(request?.system));
      // The document is not copied into every task's record.
      expect(prompt).not.toContain(contract.text.slice(0, 200));
    }
    const synthesis = events.find((e) => e.type === "synthesis-start");
    expect(synthesis?.inputs?.model).toBe(models.synthesis);
    expect(synthesis?.inputs?.settings.citations).toBe(true);
  });
});
