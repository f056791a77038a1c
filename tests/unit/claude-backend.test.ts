import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CATALOGUE, findWorker, type WorkerSpec } from "@/lib/engine/catalogue";
import type { FinishingPort, WorkInput } from "@/lib/engine/model-port";
import { planSchema, type Plan, type PlanTask } from "@/lib/engine/plan";
import type { WorkerOutput } from "@/lib/engine/worker-output";
import { createClaudePort } from "@/lib/llm/claude";
import { TEST_MODELS } from "../support/claude-kit";
import { makeDocument } from "../support/make-document";
import { finishing } from "../support/port-output";
import { startMockAnthropic, type MockAnthropic, type MockRequest } from "../support/mock-anthropic";
import { blocksReply, citationOf, jsonReply } from "../support/mock-anthropic-replies";

const TEXT = [
  "MASTER SERVICES AGREEMENT",
  "Supplier shall provide the hosting services described in Schedule 1.",
  "Supplier's liability under this Agreement is unlimited.",
  "Customer shall pay each invoice within 30 days.",
].join("\n");
const document = makeDocument(TEXT, { title: "MSA", pages: [{ number: 1, start: 0, end: 70 }, { number: 2, start: 70, end: TEXT.length }] });

let mock: MockAnthropic;
let port: FinishingPort;
beforeAll(async () => {
  mock = await startMockAnthropic({ apiKey: "test-key" });
  port = finishing(createClaudePort({ apiKey: "test-key", baseURL: mock.url, models: TEST_MODELS }));
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.requests.length = 0;
});

const signal = () => new AbortController().signal;
const task = (id: string, worker: string, dependsOn: string[] = []): PlanTask => ({
  id,
  worker,
  description: `Do ${worker}`,
  focus: "liability",
  dependsOn,
  priority: "high",
});
const spec = (name: string): WorkerSpec => findWorker(name) as WorkerSpec;
const workInput = (over: Partial<WorkInput> = {}): WorkInput => ({
  task: task("risk", "contract-risk"),
  worker: spec("contract-risk"),
  document,
  request: "Is this contract risky?",
  dependencies: [],
  attempt: 1,
  signal: signal(),
  onDelta: () => {},
  ...over,
});
const planInput = (onDelta: (t: string) => void = () => {}) => ({
  document,
  request: "Is this contract risky?",
  catalogue: CATALOGUE,
  maxTasks: 5,
  signal: signal(),
  onDelta,
});
type Block = Record<string, unknown>;
const firstUserBlocks = (r: MockRequest | undefined): Block[] => {
  const messages = r?.body?.messages as Array<{ content: Block[] }>;
  return messages[0]?.content ?? [];
};

describe("Claude backend against the mock Messages API", () => {
  it("plans with structured output, streams the analysis and returns the raw plan", async () => {
    const deltas: string[] = [];
    const out = await port.plan(planInput((t) => deltas.push(t)));
    const plan = planSchema.parse(out.plan);
    expect(plan.mode).toBe("orchestrate");
    expect(plan.tasks.map((t) => t.worker)).toContain("contract-risk");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(plan.analysis);

    const req = mock.requests[0];
    expect(req?.kind).toBe("plan");
    expect(req?.body?.stream).toBe(true);
    expect(req?.body?.model).toBe(TEST_MODELS.orchestrator);
    const schema = req?.body?.output_config?.format?.schema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(["analysis", "directAnswer", "mode", "tasks"]);
    expect(schema.required).toEqual(["analysis", "mode", "tasks"]);
    const instructions = JSON.stringify(firstUserBlocks(req)[1]);
    for (const w of CATALOGUE) expect(instructions).toContain(w.name);
    expect(instructions).toContain("At most 5 tasks");
    expect(instructions).toContain("Is this contract risky?");
  });

  it("sends the previous plan and the validator's errors on the repair round", async () => {
    await port.plan({ ...planInput(), repair: { previous: { mode: "orchestrate", tasks: [{ id: "x" }] }, errors: ["Task x depends on itself"] } });
    const text = JSON.stringify(firstUserBlocks(mock.requests[0])[1]);
    expect(text).toContain("previous plan was rejected");
    expect(text).toContain("Task x depends on itself");
    expect(text).toContain('\\"id\\": \\"x\\"');
  });

  it("sends one byte-identical system + document prefix, with a cache breakpoint only on worker calls", async () => {
    await port.plan(planInput());
    await port.work(workInput());
    await port.work(workInput({ task: task("facts", "key-facts"), worker: spec("key-facts") }));
    await port.work(workInput({ task: task("solo", "key-facts"), worker: spec("key-facts"), sharedPrefix: false }));
    await port.synthesize({ document, request: "r", plan: planFixture, tasks: [], signal: signal(), onDelta: () => {} });
    expect(mock.requests.map((r) => r.kind)).toEqual(["plan", "work", "work", "work", "synthesis"]);

    const prefixes = mock.requests.map((r) => {
      const [doc, ...rest] = firstUserBlocks(r);
      expect(doc?.type).toBe("document");
      expect(doc?.source).toEqual({ type: "text", media_type: "text/plain", data: TEXT });
      expect(rest[0]?.type).toBe("text");
      const { citations: _citations, cache_control: _cache, ...bare } = doc as Block;
      return JSON.stringify([r.body?.system, bare]);
    });
    expect(new Set(prefixes).size).toBe(1);
    // Only workers that share the prefix carry the breakpoint; the one-off plan, lone worker and synthesis do not.
    expect(mock.requests.map((r) => firstUserBlocks(r)[0]?.cache_control ?? null)).toEqual([null, { type: "ephemeral" }, { type: "ephemeral" }, null, null]);
    // Workers share model and output schema too, so the second one reads the first one's cache entry.
    expect(mock.requests[1]?.body?.model).toBe(mock.requests[2]?.body?.model);
    expect(mock.requests[1]?.body?.output_config).toEqual(mock.requests[2]?.body?.output_config);
  });

  it("returns worker output with the model's quotes verbatim and streams the result text", async () => {
    const result = "Liability is **unlimited**.\nFix it.";
    mock.enqueue(
      jsonReply(
        {
          status: "success",
          result,
          findings: [
            { severity: "critical", title: "Unlimited liability", detail: "No cap.", recommendation: "Add a cap.", quotes: [{ quote: "Supplier's liability under this Agreement is unlimited." }] },
            { severity: "warning", title: "Invented", detail: "Not in the text.", quotes: [{ quote: "Customer may terminate at will." }] },
          ],
          errors: [],
        },
        { chunkSize: 7 },
      ),
    );
    const deltas: string[] = [];
    const out = await port.work(workInput({ onDelta: (t) => deltas.push(t) }));
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join("")).toBe(result);
    expect(out.status).toBe("success");
    expect(out.findings.map((f) => f.quotes[0]?.quote)).toEqual([
      "Supplier's liability under this Agreement is unlimited.",
      "Customer may terminate at will.",
    ]);
    expect(out.findings[0]?.quotes[0]).not.toHaveProperty("start");
    expect(out.usage.outputTokens).toBeGreaterThan(0);
    expect(out.usage.costUsd).toBeGreaterThan(0);
  });

  it("tells a worker its dependencies' outputs and what is missing", async () => {
    const output: WorkerOutput = {
      status: "success",
      result: "Facts listed.",
      findings: [{ severity: "info", title: "Payment term", detail: "30 days", citations: [{ start: 0, end: 6, quote: "MASTER" }], unverifiedQuotes: ["made up"] }],
      errors: [],
      usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 },
      timing: { startedAt: "", endedAt: "", durationMs: 0 },
    };
    await port.work(
      workInput({
        task: task("review", "reviewer", ["facts", "risk"]),
        worker: spec("reviewer"),
        dependencies: [
          { taskId: "facts", worker: "key-facts", description: "List facts", status: "succeeded", output },
          { taskId: "risk", worker: "contract-risk", description: "Assess risk", status: "failed", reason: "rate limited 3 times" },
        ],
      }),
    );
    const text = String(firstUserBlocks(mock.requests[0])[1]?.text);
    expect(text).toContain("Facts listed.");
    expect(text).toContain("Payment term");
    expect(text).toContain("NOT found in the document");
    expect(text).toContain("NOT AVAILABLE");
    expect(text).toContain("rate limited 3 times");
  });

  it("synthesises with native citations mapped to spans, streams text, and never sends output_config", async () => {
    const quote = "Supplier's liability under this Agreement is unlimited.";
    const citation = citationOf(TEXT, quote, "MSA");
    mock.enqueue(
      blocksReply([
        { type: "text", text: "## Critical\n\n" },
        { type: "text", text: "Liability is uncapped", citations: citation ? [citation] : [] },
        { type: "text", text: ".\n" },
      ]),
    );
    const deltas: string[] = [];
    const out = await port.synthesize({ document, request: "r", plan: planFixture, tasks: summaries, signal: signal(), onDelta: (t) => deltas.push(t) });
    expect(out.text).toBe("## Critical\n\nLiability is uncapped.\n");
    expect(deltas.join("")).toBe(out.text);
    const start = TEXT.indexOf(quote);
    expect(out.citations).toEqual([{ start, end: start + quote.length, quote, page: 2 }]);
    expect(TEXT.slice(out.citations[0]?.start, out.citations[0]?.end)).toBe(quote);

    const req = mock.requests[0];
    expect(req?.kind).toBe("synthesis");
    expect(req?.body).not.toHaveProperty("output_config");
    expect(firstUserBlocks(req)[0]?.citations).toEqual({ enabled: true });
    const text = String(firstUserBlocks(req)[1]?.text);
    expect(text).toContain("## Gaps");
    expect(text).toContain("skipped: dependency failed");
  });

  it("reports usage with cache writes then cache reads, priced", async () => {
    const fresh = await startMockAnthropic(); // a cold cache
    const p = finishing(createClaudePort({ apiKey: "k", baseURL: fresh.url, models: TEST_MODELS }));
    const first = await p.work(workInput());
    const second = await p.work(workInput());
    await fresh.close();
    expect(first.usage.cacheCreationInputTokens).toBeGreaterThan(0);
    expect(second.usage.cacheReadInputTokens).toBe(first.usage.cacheCreationInputTokens);
    expect(second.usage.cacheCreationInputTokens).toBe(0);
    expect(second.usage.inputTokens).toBeGreaterThan(0);
    expect(second.usage.costUsd).toBeGreaterThan(0);
    expect(second.usage.costUsd).toBeLessThan(first.usage.costUsd);
  });

  it("completes a whole plan → work → synthesis run on the default handler, quotes being real substrings", async () => {
    const plan = planSchema.parse((await port.plan(planInput())).plan);
    for (const t of plan.tasks) {
      const out = await port.work(workInput({ task: t, worker: spec(t.worker) }));
      expect(out.findings.length).toBeGreaterThan(0);
      for (const f of out.findings) for (const q of f.quotes) expect(TEXT).toContain(q.quote);
    }
    const report = await port.synthesize({ document, request: "r", plan, tasks: [], signal: signal(), onDelta: () => {} });
    expect(report.citations.length).toBeGreaterThan(0);
    for (const c of report.citations) expect(TEXT.slice(c.start, c.end)).toBe(c.quote);
  });
});

const planFixture: Plan = { analysis: "A contract.", mode: "orchestrate", tasks: [task("risk", "contract-risk"), task("review", "reviewer", ["risk"])] };
const summaries = [
  { task: task("risk", "contract-risk"), status: "failed" as const, reason: "model overloaded" },
  { task: task("review", "reviewer", ["risk"]), status: "skipped" as const, reason: "dependency failed" },
];
