import { describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import { reduceRun } from "@/lib/engine/reduce-run";
import { executeRun } from "@/lib/engine/run-engine";
import type { ClaudeConfig } from "@/lib/llm/claude";
import { DEFAULT_PRICE_TABLE } from "@/lib/llm/claude/price-table";
import { estimateCostUsd } from "@/lib/llm/claude/pricing";
import { contractDocument, testClaudePort, withMockAnthropic } from "../support/claude-kit";
import { makeDocument } from "../support/make-document";
import { defaultMockHandler } from "../support/mock-anthropic-default";
import { jsonReply, rateLimited } from "../support/mock-anthropic-replies";

const contract = contractDocument();
const mock = withMockAnthropic({ apiKey: "k" });

async function run(document = contract, limits?: Parameters<typeof executeRun>[1]["limits"], config: Partial<ClaudeConfig> = {}) {
  const port = testClaudePort(mock(), config);
  const { sink, events } = createMemorySink({ runId: "c1" });
  await executeRun({ document, request: "What are the risks?" }, { port, sink, signal: new AbortController().signal, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...(limits ? { limits } : {}) });
  return { ...reduceRun(events), events };
}

describe("a whole run through the Claude backend (real SDK, mock API)", () => {
  it("plans, works in parallel, synthesises with verified citations, and counts tokens and cost", async () => {
    const state = await run();
    expect(state.status).toBe("succeeded");
    expect(state.backend).toBe("claude");
    expect(state.taskOrder.length).toBeGreaterThan(0);
    const findings = state.report?.findings ?? [];
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) for (const c of f.citations) expect(contract.text.slice(c.start, c.end)).toBe(c.quote);
    for (const c of state.report?.citations ?? []) expect(contract.text.slice(c.start, c.end)).toBe(c.quote);
    expect(state.usage.cacheReadInputTokens).toBeGreaterThan(0);
    expect(state.usage.costUsd).toBeGreaterThan(0);
  });

  it("waits out a rate-limited worker call inside the same attempt and shows the wait on the task", async () => {
    mock().enqueue(defaultMockHandler, rateLimited(0)); // the plan as usual, then the first worker call is refused once
    const state = await run();
    expect(state.status).toBe("succeeded");
    expect(Object.values(state.tasks).every((t) => t.attempts.length === 1)).toBe(true);
    const waits = state.events.flatMap((e) => (e.type === "model-wait" && e.taskId !== undefined && e.wait?.reason === "rate_limit" ? [e] : []));
    expect(waits).toHaveLength(1);
    expect(mock().requests.filter((r) => r.kind === "work")).toHaveLength(state.taskOrder.length + 1);
  });

  it("names the models it has no price for on the run (cost estimated at the highest known rates), and only those", async () => {
    const priced = await run();
    expect(priced.unpricedModels).toEqual([]);
    expect(priced.events[0]).not.toHaveProperty("unpricedModels");
    const { "claude-haiku-5-5": _worker, ...withoutWorker } = DEFAULT_PRICE_TABLE;
    const estimated = await run(contract, undefined, { prices: withoutWorker });
    expect(estimated.status).toBe("succeeded");
    expect(estimated.unpricedModels).toEqual(["claude-haiku-5-5"]);
    expect(estimated.events[0]).toMatchObject({ type: "run-start", unpricedModels: ["claude-haiku-5-5"] });
    // Each worker call is costed at the most expensive known rates, above what Haiku's price would give.
    for (const id of estimated.taskOrder) {
      const { costUsd, ...counts } = estimated.tasks[id]!.usage;
      expect(costUsd).toBeCloseTo(estimateCostUsd("claude-haiku-5-5", counts, withoutWorker), 9);
      expect(costUsd).toBeGreaterThan(estimateCostUsd("claude-haiku-5-5", counts));
    }
  });

  it("refuses a document that cannot fit the context before any paid call", async () => {
    const huge = makeDocument("word ".repeat(1_000_000)); // ~1.25M tokens: more than the 1M context
    const state = await run(huge);
    expect(state.status).toBe("failed");
    expect(state.error?.code).toBe("document_too_large");
    expect(state.error?.message).toMatch(/takes about [\d,]+ tokens/);
    expect(mock().requests.filter((r) => r.path === "/v1/messages")).toHaveLength(0);
  });

  it("refuses a plan of 500 tasks (one repair round), whatever the document asked for", async () => {
    const tasks = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, worker: "summarizer", description: "x", focus: "", dependsOn: [], priority: "low" }));
    const plan = { analysis: "as the document says", mode: "orchestrate", tasks };
    mock().enqueue(jsonReply(plan), jsonReply(plan));
    const state = await run();
    expect(state.error).toMatchObject({ code: "plan_invalid" });
    expect(state.error?.details).toContain("too many tasks: 500 planned, the cap is 8");
  });
});
