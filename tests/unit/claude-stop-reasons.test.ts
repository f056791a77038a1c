import { describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/engine/catalogue";
import { createMemorySink } from "@/lib/engine/event-stamp";
import type { RunEvent, RunLimits } from "@/lib/engine/events";
import { reduceRun } from "@/lib/engine/reduce-run";
import { DEFAULT_LIMITS, executeRun } from "@/lib/engine/run-engine";
import { totalTokens } from "@/lib/engine/usage";
import { synthesisStatus } from "@/lib/graph";
import type { ClaudeConfig } from "@/lib/llm/claude";
import { contractDocument, testClaudePort, withMockAnthropic } from "../support/claude-kit";
import { makeDocument } from "../support/make-document";
import type { MockHandler } from "../support/mock-anthropic";
import { defaultMockHandler, workerOutputFor } from "../support/mock-anthropic-default";
import { jsonReply, textReply } from "../support/mock-anthropic-replies";
import { documentText, userText } from "../support/mock-anthropic-request";

const contract = contractDocument();
const mock = withMockAnthropic({ apiKey: "k" }, defaultMockHandler);

const oneTaskPlan = (worker = "key-facts") => ({
  analysis: "One task is enough.",
  mode: "orchestrate",
  tasks: [{ id: "facts", worker, description: "List the facts.", focus: "All of it.", dependsOn: [], priority: "high" }],
});

/** Plans one task, answers work calls with `work`, everything else as the default handler. */
const handler = (work: MockHandler, plan: unknown = oneTaskPlan()): MockHandler => (request) => {
  if (request.kind === "plan") return jsonReply(plan);
  if (request.kind === "work") return work(request);
  return defaultMockHandler(request);
};

async function run(config: Partial<ClaudeConfig> = {}, document = contract, limits?: RunLimits) {
  const port = testClaudePort(mock(), config);
  const { sink, events } = createMemorySink({ runId: "s1" });
  await executeRun(
    { document, request: "What are the risks?" },
    { port, sink, signal: new AbortController().signal, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...(limits ? { limits } : {}) },
  );
  return { state: reduceRun(events), events };
}
const ofType = <T extends RunEvent["type"]>(events: RunEvent[], type: T) => events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
const longResult = (chars: number) => ({ status: "success", result: "The contract says a great deal. ".repeat(Math.ceil(chars / 32)).slice(0, chars), findings: [], errors: [] });

describe("every stop reason, through the real SDK", () => {
  it("a worker answer cut at max_tokens is retried once with twice the room and then succeeds", async () => {
    mock().setHandler(handler(() => jsonReply(longResult(800))));
    const { state } = await run({ maxTokens: { worker: 200 } }); // 200 tokens minus thinking cannot hold 800 characters
    const work = mock().requests.filter((r) => r.kind === "work");
    expect(work.map((r) => r.body?.max_tokens)).toEqual([200, 400]);
    const task = state.tasks.facts!;
    expect(task.status).toBe("succeeded");
    expect(task.attempts.map((a) => a.outcome)).toEqual(["retried", "succeeded"]);
    expect(task.attempts[0]?.error?.code).toBe("output_truncated");
  });

  it("…and fails as output_truncated, not 'invalid JSON', when twice the room is still too little", async () => {
    mock().setHandler(handler(() => jsonReply(longResult(4_000))));
    const { state } = await run({ maxTokens: { worker: 200 } });
    expect(mock().requests.filter((r) => r.kind === "work").map((r) => r.body?.max_tokens)).toEqual([200, 400]);
    const task = state.tasks.facts!;
    expect(task.status).toBe("failed");
    expect(task.error?.code).toBe("output_truncated");
    expect(task.error?.message).toContain("cut off at its output limit of 400 tokens");
    expect(state.report?.gaps.map((g) => g.taskId)).toEqual(["facts"]);
  });

  it("every cut attempt's tokens are paid and counted: per attempt, in the task's and the run's usage", async () => {
    mock().setHandler(handler(() => jsonReply(longResult(4_000))));
    const { state, events } = await run({ maxTokens: { worker: 200 } });
    const task = state.tasks.facts!;
    expect(task.status).toBe("failed");
    // The API bills a cut answer in full: all 200, then all 400 output tokens (thinking included).
    expect(task.attempts.map((a) => a.usage?.outputTokens)).toEqual([200, 400]);
    expect(task.attempts.every((a) => (a.usage?.inputTokens ?? 0) > 0)).toBe(true);
    expect(task.usage.outputTokens).toBe(600);
    expect(task.usage.costUsd).toBeGreaterThan(0);
    const plan = ofType(events, "plan-end")[0]!.usage;
    const synthesis = ofType(events, "synthesis-end")[0]!.usage;
    expect(state.usage.outputTokens).toBe(plan.outputTokens + 600 + synthesis.outputTokens);
  });

  it("a cut attempt's tokens count against the run's token budget: the run stops instead of retrying past it", async () => {
    mock().setHandler(handler(() => jsonReply(longResult(4_000))));
    const planned = ofType((await run({ maxTokens: { worker: 200 } })).events, "plan-end")[0]!.usage;
    mock().requests.length = 0;
    // Room for the plan and a little more, not for the plan plus a 200-token cut answer and its prompt.
    const { state } = await run({ maxTokens: { worker: 200 } }, contract, { ...DEFAULT_LIMITS, maxTokens: totalTokens(planned) + 100 });
    expect(mock().requests.filter((r) => r.kind === "work").map((r) => r.body?.max_tokens)).toEqual([200]);
    expect(state.tasks.facts?.error?.code).toBe("budget_exceeded");
  });

  it("a worker answer that is not valid JSON was paid for: its usage counts on the failed attempt and the run", async () => {
    mock().setHandler(handler(() => textReply("Not JSON at all.")));
    const { state, events } = await run();
    const task = state.tasks.facts!;
    expect(task.error?.code).toBe("model_output_invalid");
    expect(task.attempts[0]?.usage?.outputTokens).toBeGreaterThan(0);
    expect(task.attempts[0]?.usage?.inputTokens).toBeGreaterThan(0);
    expect(task.usage.outputTokens).toBe(task.attempts.reduce((n, a) => n + (a.usage?.outputTokens ?? 0), 0));
    const plan = ofType(events, "plan-end")[0]!.usage;
    const synthesis = ofType(events, "synthesis-end")[0]!.usage;
    expect(state.usage.outputTokens).toBe(plan.outputTokens + task.usage.outputTokens + synthesis.outputTokens);
  });

  it("a refusal fails the task as model_refused with the API's explanation, is not retried, and shows in the report's gaps", async () => {
    const explanation = "The request could enable malware development.";
    mock().setHandler(handler(() => ({ type: "message", content: [], stopReason: "refusal", stopDetails: { type: "refusal", category: "cyber", explanation } })));
    const { state } = await run();
    expect(mock().requests.filter((r) => r.kind === "work")).toHaveLength(1);
    const task = state.tasks.facts!;
    expect(task.error?.code).toBe("model_refused");
    expect(task.error?.message).toContain("declined");
    expect(task.error?.message).toContain(explanation);
    expect(state.report?.gaps[0]?.reason).toContain(explanation);
    expect(state.status).toBe("partial");
  });

  it("a synthesis cut mid-word is kept but marked incomplete, never shown as a finished report", async () => {
    const prose = "## Summary\n\nThe supplier's liability is unlimited, which exposes the customer to considerable uncapped indemnification obligations.";
    mock().setHandler((request) => (request.kind === "synthesis" ? textReply(prose) : defaultMockHandler(request)));
    const { state } = await run({ maxTokens: { synthesis: 80 } }); // (80 − 64 thinking) × 4 = 64 characters of text
    const report = state.report!;
    expect(report.incomplete).toMatch(/cut off/);
    expect(report.narrative).toBe(prose.slice(0, 64));
    expect(/\w$/.test(report.narrative)).toBe(true); // it really ends mid-word
    expect(synthesisStatus(state)).toBe("partial");
  });

  it("a refused plan fails the run as model_refused; a plan cut twice fails as output_truncated", async () => {
    mock().setHandler((request) =>
      request.kind === "plan" ? { type: "message", content: [], stopReason: "refusal", stopDetails: { type: "refusal", category: null, explanation: null } } : defaultMockHandler(request),
    );
    const refused = await run();
    expect(refused.state.error?.code).toBe("model_refused");
    expect(refused.state.error?.message).toContain("no further explanation");

    mock().requests.length = 0;
    mock().setHandler(defaultMockHandler);
    const cut = await run({ maxTokens: { orchestrator: 70 } }); // thinking alone nearly fills it
    expect(mock().requests.filter((r) => r.kind === "plan").map((r) => r.body?.max_tokens)).toEqual([70, 140]);
    expect(cut.state.error?.code).toBe("output_truncated");
    // Both cut plans were billed in full (70 + 140 output tokens) and the failed run counts them.
    expect(cut.state.usage.outputTokens).toBe(210);
    expect(cut.state.usage.inputTokens).toBeGreaterThan(0);
  });
});

describe("current models: thinking, effort and the API's rules", () => {
  it("gives the orchestrator adaptive thinking with an effort, keeps thinking out of the plan, and keeps its summary", async () => {
    const { state, events } = await run();
    const plan = mock().requests.find((r) => r.kind === "plan")!;
    expect(plan.body?.thinking).toEqual({ type: "adaptive", display: "summarized" });
    expect(plan.body?.output_config?.effort).toBe("medium");
    expect(plan.body).not.toHaveProperty("temperature");
    expect(state.planReasoning).toBe("I read the request and the document and worked out the answer.");
    expect(ofType(events, "plan-delta").map((e) => e.text).join("")).not.toContain("worked out the answer");
    // Workers and synthesis think by default (a thinking block comes first) and are read by block type.
    expect(state.status).toBe("succeeded");
  });

  it("constrains the plan's worker to the catalogue's names (custom included)", async () => {
    await run();
    const schema = mock().requests.find((r) => r.kind === "plan")!.body?.output_config?.format?.schema as {
      properties: { tasks: { items: { properties: { worker: { enum: string[] } } } } };
    };
    expect(schema.properties.tasks.items.properties.worker.enum.sort()).toEqual([...CATALOGUE.map((w) => w.name), "custom"].filter((v, i, a) => a.indexOf(v) === i).sort());
  });

  it("clamps a configured max_tokens to the model's output limit (the API answers 400 above it)", async () => {
    const { state } = await run({ maxTokens: { worker: 500_000 } });
    expect(state.status).toBe("succeeded");
    expect(new Set(mock().requests.filter((r) => r.kind === "work").map((r) => r.body?.max_tokens))).toEqual(new Set([128_000]));
  });

  it("the mock refuses what the newest Sonnet refuses: manual thinking budgets, sampling parameters, too many output tokens", async () => {
    const send = async (extra: Record<string, unknown>, model = "claude-sonnet-5-5") => {
      const res = await fetch(`${mock().url}/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": "k", "anthropic-version": "2023-06-01", "content-type": "application/json" },
        body: JSON.stringify({ model, max_tokens: 1000, messages: [{ role: "user", content: "Hi" }], ...extra }),
      });
      return { status: res.status, message: ((await res.json()) as { error?: { message: string } }).error?.message ?? "" };
    };
    expect(await send({ thinking: { type: "enabled", budget_tokens: 2048 } })).toMatchObject({ status: 400, message: expect.stringContaining("adaptive") });
    expect((await send({ temperature: 0.2 })).status).toBe(400);
    expect((await send({ top_p: 0.9 })).status).toBe(400);
    expect((await send({ max_tokens: 200_000 })).message).toContain("128000");
    expect((await send({ output_config: { effort: "low" } }, "claude-haiku-4-5")).status).toBe(400);
    expect((await send({ temperature: 0.2 }, "claude-sonnet-4-6")).status).toBe(200);
    expect((await send({}, "claude-nonexistent")).status).toBe(404);
  });
});

describe("the cache used well", () => {
  it("starts the first worker alone; the others start once its answer streams and read its cache entry", async () => {
    const workers = ["key-facts", "clause-analyzer", "contract-risk", "summarizer"];
    const plan = { analysis: "Four views.", mode: "orchestrate", tasks: workers.map((w) => ({ id: w, worker: w, description: w, focus: "", dependsOn: [], priority: "high" })) };
    mock().setHandler(handler((request) => jsonReply(workerOutputFor(documentText(request.body), userText(request.body)), { delayMs: 3 }), plan));
    // A document no earlier test sent, so the mock's cache starts cold for it.
    const fresh = makeDocument(`${contract.text}\n\nAnnex: cache test ${Date.now()}.`, { fileName: "annex.txt" });
    const { state, events } = await run({}, fresh);
    expect(state.status).toBe("succeeded");
    const usages = ofType(events, "task-end").map((e) => e.output.usage);
    expect(usages.filter((u) => u.cacheCreationInputTokens > 0)).toHaveLength(1);
    expect(usages.filter((u) => u.cacheReadInputTokens > 0)).toHaveLength(3);
    const warmups = ofType(events, "model-wait").filter((e) => e.wait?.reason === "cache_warmup");
    expect(warmups).toHaveLength(3);
  });
});
