import { describe, expect, it } from "vitest";
import type { Document, DocumentFormat } from "@/lib/documents/document";
import { CATALOGUE } from "@/lib/engine/catalogue";
import type { PlanInput } from "@/lib/engine/model-port";
import { planSchema, type Plan } from "@/lib/engine/plan";
import { findCycle, validatePlan } from "@/lib/engine/validate-plan";
import { classify, createOfflinePort, trimToMax } from "@/lib/llm/offline";

function doc(text: string, options: { format?: DocumentFormat; language?: string; title?: string } = {}): Document {
  const base = { title: options.title ?? "", fileName: "sample", mediaType: "text/plain", format: options.format ?? "text", text, pages: [], byteSize: text.length, sha256: "0".repeat(64) };
  return options.language ? { ...base, language: options.language } : base;
}

const CONTRACT = doc(`CONSULTING AGREEMENT

This Agreement is made between Orion Labs Inc. ("Client") and Mira Patel ("Consultant").
1. Services. The Consultant shall deliver the reports described in Schedule A.
2. Fees. The Client shall pay each invoice within 30 days. The Parties agree that this Agreement is governed by the laws of England.
3. Indemnity. The Consultant shall indemnify the Client against third-party claims. Either Party may terminate this Agreement on notice.`);

const REPORT = doc(`# Latency Study

## Abstract
We measured the latency of two caching strategies.

## Method
We ran 40 trials (n = 40) on a staging cluster and recorded p95 latency in ms.

## Results
Strategy B reduced p95 latency from 180 ms to 120 ms, a 33% improvement (Table 1).

## Discussion
Our results suggest B is faster under this load; see Figure 2 and Smith et al. for comparison.`, { format: "markdown" });

const NEWS = doc(`By Sam Okafor

NAIROBI — Kenya's central bank cut its main interest rate on Tuesday, the first cut in four years.

"Inflation is back within our target range," Governor Kamau Thugge told reporters, according to a statement.

Analysts said the move was widely expected. Officials said growth would recover next year.`);

const CODE = doc(`import os

def read_config(path):
    with open(path) as f:
        return f.read()

class Loader:
    def run(self):
        return read_config(os.environ["CONFIG"])
`, { format: "code", language: "python" });

const GENERAL = doc(`Notes from the garden

The tomatoes came up early this year and the basil did well by the window. Next spring we want to try beans again.`);

function planInput(document: Document, request = "Analyse this document", extra: Partial<PlanInput> = {}): PlanInput {
  return { document, request, catalogue: CATALOGUE, maxTasks: 8, signal: new AbortController().signal, onDelta: () => {}, ...extra };
}

async function planFor(document: Document, request?: string, extra: Partial<PlanInput> = {}): Promise<Plan> {
  const { plan, usage } = await createOfflinePort().plan(planInput(document, request, extra));
  expect(usage.inputTokens + usage.outputTokens + usage.costUsd).toBe(0);
  return planSchema.parse(plan);
}

function expectValidGraph(plan: Plan, maxTasks = 8): void {
  const ids = new Set(plan.tasks.map((t) => t.id));
  for (const task of plan.tasks) for (const dep of task.dependsOn) expect(ids.has(dep), `${task.id} → ${dep}`).toBe(true);
  expect(findCycle(plan.tasks)).toBeUndefined();
  expect(validatePlan(plan, { maxTasks })).toMatchObject({ ok: true });
}

const workers = (plan: Plan): string[] => plan.tasks.map((t) => t.worker);
const task = (plan: Plan, id: string) => plan.tasks.find((t) => t.id === id);

describe("offline port identity", () => {
  it("names its backend and models", () => {
    const port = createOfflinePort();
    expect(port.backend).toBe("offline");
    expect(port.models).toEqual({ orchestrator: "offline-orchestrator", worker: "offline-analyzer", synthesis: "offline-synthesizer" });
  });
});

describe("classify", () => {
  it.each([
    ["contract", CONTRACT],
    ["technical-report", REPORT],
    ["news-article", NEWS],
    ["source-code", CODE],
    ["general", GENERAL],
  ] as const)("recognises a %s", (kind, document) => {
    expect(classify(document)).toBe(kind);
  });

  it("reads code syntax even when ingestion did not mark the format", () => {
    expect(classify({ ...CODE, format: "text", language: undefined } as Document)).toBe("source-code");
  });
});

describe("plan", () => {
  it("builds a different, valid plan per kind with the catalogue's workers", async () => {
    const contract = await planFor(CONTRACT);
    expect(workers(contract)).toEqual(["key-facts", "clause-analyzer", "contract-risk", "summarizer", "reviewer"]);
    expect(task(contract, "contract-risk")?.dependsOn).toEqual(["clause-analyzer"]);
    expect(task(contract, "reviewer")?.dependsOn).toEqual(["contract-risk", "clause-analyzer"]);

    const report = await planFor(REPORT);
    expect(workers(report)).toEqual(["report-structure", "data-metrics", "evidence-checker", "summarizer", "reviewer"]);
    expect(task(report, "evidence-checker")?.dependsOn).toEqual(["data-metrics"]);

    const news = await planFor(NEWS);
    expect(workers(news)).toEqual(["claims-sources", "bias-tone", "key-facts", "summarizer", "reviewer"]);
    expect(task(news, "reviewer")?.dependsOn).toEqual(["claims-sources", "bias-tone"]);

    const code = await planFor(CODE);
    expect(workers(code)).toEqual(["code-security", "code-performance", "code-style", "summarizer", "reviewer"]);
    expect(task(code, "reviewer")?.dependsOn).toEqual(["code-security", "code-performance", "code-style"]);

    const general = await planFor(GENERAL);
    expect(workers(general)).toContain("summarizer");
    for (const p of [contract, report, news, code, general]) {
      expect(p.mode).toBe("orchestrate");
      expectValidGraph(p);
    }
  });

  it("explains the classification with its signals, says it is offline, and streams the analysis", async () => {
    const deltas: string[] = [];
    const plan = await planFor(CONTRACT, undefined, { onDelta: (t) => deltas.push(t) });
    expect(plan.analysis).toMatch(/offline/i);
    expect(plan.analysis).toMatch(/contract/);
    expect(plan.analysis).toMatch(/“shall” ×\d/);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(plan.analysis);
  });

  it("answers simple lookups directly, without workers", async () => {
    const title = await planFor(doc("Quarterly Board Minutes\n\nThe board met on 3 May.", { title: "Board Minutes Q2" }), "What is the title?");
    expect(title).toMatchObject({ mode: "direct", tasks: [] });
    expect(title.directAnswer).toContain("Board Minutes Q2");

    const words = await planFor(GENERAL, "How many words does it have?");
    expect(words.mode).toBe("direct");
    expect(words.directAnswer).toMatch(/has 2\d words/);

    const parties = await planFor(CONTRACT, "Who are the parties?");
    expect(parties.mode).toBe("direct");
    expect(parties.directAnswer).toContain("Orion Labs Inc.");
    expect(parties.directAnswer).toContain("Mira Patel");
    expectValidGraph(parties);
  });

  it("does not answer directly when the lookup cannot be answered or more is asked", async () => {
    expect((await planFor(NEWS, "Who are the parties?")).mode).toBe("orchestrate");
    expect((await planFor(CONTRACT, "Who are the parties and what are the risks?")).mode).toBe("orchestrate");
    expect((await planFor(CONTRACT, "Give me a full analysis, including the title")).mode).toBe("orchestrate");
  });

  it("lets the request steer the plan", async () => {
    const security = await planFor(CODE, "Check this code for security problems");
    expect(workers(security)).toEqual(["code-security", "reviewer"]);
    expect(task(security, "reviewer")?.dependsOn).toEqual(["code-security"]);

    const summary = await planFor(REPORT, "Summarize this report");
    expect(workers(summary)).toEqual(["summarizer"]);

    const risks = await planFor(CONTRACT, "What are the risks in this contract?");
    expect(workers(risks)).toEqual(["clause-analyzer", "contract-risk", "reviewer"]);
    expectValidGraph(risks);

    const general = await planFor(CONTRACT, "Analyse this document: key points, risks and issues, with evidence.");
    expect(workers(general)).toHaveLength(5);

    const search = await planFor(CONTRACT, "Find all mentions of insurance");
    expect(search.tasks).toEqual([expect.objectContaining({ worker: "custom", dependsOn: [] })]);
    expect(search.tasks[0]?.focus).toContain("insurance");
  });

  it("respects maxTasks without leaving a dependency dangling", async () => {
    for (const document of [CONTRACT, REPORT, NEWS, CODE, GENERAL]) {
      for (let max = 1; max <= 5; max++) {
        const plan = await planFor(document, undefined, { maxTasks: max });
        expect(plan.tasks.length).toBeLessThanOrEqual(max);
        expect(plan.tasks.length).toBeGreaterThan(0);
        expectValidGraph(plan, max);
      }
    }
    const code = await planFor(CODE, undefined, { maxTasks: 3 });
    expect(workers(code)).toEqual(["code-security", "code-performance", "code-style"]);
    expect(code.analysis).toMatch(/dropped the lowest-priority summarizer, reviewer/);
    const contract = await planFor(CONTRACT, undefined, { maxTasks: 2 });
    expect(workers(contract)).toEqual(["clause-analyzer", "contract-risk"]);
  });

  it("trims leaves by priority", () => {
    const t = (id: string, priority: "high" | "medium" | "low", dependsOn: string[] = []) => ({ id, worker: "key-facts", description: id, focus: "", dependsOn, priority });
    const { kept, dropped } = trimToMax([t("a", "low"), t("b", "high", ["a"]), t("c", "medium"), t("d", "low")], 2);
    expect(kept.map((x) => x.id)).toEqual(["a", "b"]);
    expect(dropped.map((x) => x.id)).toEqual(["d", "c"]);
  });

  it("rebuilds a valid plan on the repair round", async () => {
    const plan = await planFor(NEWS, undefined, { repair: { previous: { tasks: "nonsense" }, errors: ["plan.tasks: expected array"] } });
    expect(plan.analysis).toMatch(/Rebuilt after validation errors: plan\.tasks: expected array/);
    expectValidGraph(plan);
  });

  it("is deterministic", async () => {
    expect(await planFor(REPORT)).toEqual(await planFor(REPORT));
  });
});

describe("abort", () => {
  it("rejects at once with the signal's reason when already aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    controller.abort(reason);
    await expect(createOfflinePort().plan(planInput(CONTRACT, "x", { signal: controller.signal }))).rejects.toBe(reason);
  });

  it("stops streaming mid-way when aborted during the pacing delay", async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const plan = (await planFor(CODE)).tasks[0];
    if (!plan) throw new Error("no task");
    const port = createOfflinePort({ delayMs: 40 });
    const started = Date.now();
    const work = port.work({ task: plan, worker: CATALOGUE[0]!, document: CODE, request: "", dependencies: [], attempt: 1, signal: controller.signal, onDelta: (t) => deltas.push(t) });
    setTimeout(() => controller.abort(), 60);
    await expect(work).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    expect(deltas.length).toBeLessThan(4);
  });
});

describe("work dispatch", () => {
  it("fails cleanly for a worker the offline engine does not know", async () => {
    const out = await createOfflinePort().work({
      task: { id: "x", worker: "astrologer", description: "d", focus: "", dependsOn: [], priority: "low" },
      worker: CATALOGUE[0]!,
      document: GENERAL,
      request: "",
      dependencies: [],
      attempt: 1,
      signal: new AbortController().signal,
      onDelta: () => {},
    });
    expect(out.status).toBe("failed");
    expect(out.errors[0]).toMatch(/astrologer/);
  });
});
