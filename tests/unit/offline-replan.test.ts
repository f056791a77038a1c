import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import type { RunLimits } from "@/lib/engine/events";
import type { PlanTask } from "@/lib/engine/plan";
import { applyEvent, initialRunState, reduceRun } from "@/lib/engine/reduce-run";
import { continueRun, executeRun } from "@/lib/engine/run-engine";
import { createOfflinePort } from "@/lib/llm/offline";
import { buildPlan } from "@/lib/llm/offline/plan-builder";
import { revisePlan, workersNamed } from "@/lib/llm/offline/plan-revision";
import { TEMPLATES } from "@/lib/llm/offline/plan-templates";
import { makeDocument } from "../support/make-document";

/** A person's re-plan note changes the offline plan, and the plan's analysis says how. */
const CONTRACT: PlanTask[] = TEMPLATES.contract.map((t) => ({ id: t.worker, worker: t.worker, description: t.description, focus: t.focus, dependsOn: [...t.dependsOn], priority: t.priority }));
const ids = (tasks: readonly PlanTask[]): string[] => tasks.map((t) => t.id);
const byId = (tasks: readonly PlanTask[], id: string): PlanTask | undefined => tasks.find((t) => t.id === id);

describe("revisePlan (the offline planner's note rules)", () => {
  it("names workers by name, title or the request's steering words", () => {
    expect(workersNamed("focus on liability", "contract")).toEqual(["contract-risk"]);
    expect(workersNamed("skip the summary", "contract")).toEqual(["summarizer"]);
    expect(workersNamed("add a reviewer", "readme")).toEqual(["reviewer"]);
    expect(workersNamed("run Clauses and obligations again", "contract")).toEqual(["clause-analyzer"]);
  });

  it("“focus on liability” refocuses the risk task: the aspect comes first in its focus, at high priority", () => {
    const r = revisePlan(CONTRACT, "Focus on liability please", "contract");
    expect(ids(r.tasks)).toEqual(ids(CONTRACT));
    expect(byId(r.tasks, "contract-risk")?.focus).toMatch(/^liability; /);
    expect(byId(r.tasks, "contract-risk")?.priority).toBe("high");
    expect(r.changes).toEqual(["contract-risk now looks first at “liability” (priority high)"]);
  });

  it("“skip the summary” removes the summarizer; “add a reviewer” adds one after the analytic tasks", () => {
    const noSummary = revisePlan(CONTRACT, "skip the summary", "contract");
    expect(ids(noSummary.tasks)).toEqual(["key-facts", "clause-analyzer", "contract-risk", "reviewer"]);
    expect(noSummary.changes).toEqual(["removed summarizer"]);

    const withoutReviewer = CONTRACT.filter((t) => t.worker !== "reviewer");
    const added = revisePlan(withoutReviewer, "Skip the summary and add a reviewer.", "contract");
    expect(ids(added.tasks)).toEqual(["key-facts", "clause-analyzer", "contract-risk", "reviewer"]);
    expect(byId(added.tasks, "reviewer")?.dependsOn).toEqual(["contract-risk", "clause-analyzer"]);
    expect(added.changes).toEqual(["removed summarizer", "added reviewer (after contract-risk & clause-analyzer)"]);
  });

  it("“also check data protection” refocuses the task whose description covers it; an aspect no task covers becomes a search", () => {
    const dp = revisePlan(CONTRACT, "also check data protection", "contract");
    expect(byId(dp.tasks, "contract-risk")?.focus).toMatch(/^data protection; /);
    expect(dp.changes).toEqual(["contract-risk now looks first at “data protection” (priority high)"]);

    const search = revisePlan(CONTRACT, "also check force majeure", "contract");
    expect(byId(search.tasks, "custom-search")).toMatchObject({ worker: "custom", description: "Search the document for: force majeure", dependsOn: [] });
  });

  it("“only the risks” keeps the risk task and what it needs; removing every task is refused", () => {
    const only = revisePlan(CONTRACT, "only the risks", "contract");
    expect(ids(only.tasks)).toEqual(["clause-analyzer", "contract-risk"]);
    const none = revisePlan([byId(CONTRACT, "summarizer") as PlanTask], "skip the summary", "contract");
    expect(ids(none.tasks)).toEqual(["summarizer"]);
    expect(none.changes).toEqual([]);
    expect(none.ignored).toEqual(["removing summarizer would leave no task"]);
  });

  it("a removed task's dependants lose the edge; a reviewer left with no input reviews what remains", () => {
    const r = revisePlan(CONTRACT, "drop the contract risk and the clause analysis", "contract");
    expect(ids(r.tasks)).toEqual(["key-facts", "summarizer", "reviewer"]);
    expect(byId(r.tasks, "reviewer")?.dependsOn).toEqual(["key-facts"]);
  });

  it("splits a note into its instructions, and matches an aspect as whole words (“IP” is not in “relationship”)", () => {
    const r = revisePlan(CONTRACT, "no need for key facts, but look closely at termination", "contract");
    expect(r.changes).toEqual(["removed key-facts", "contract-risk now looks first at “termination” (priority high)"]);
    const ip = revisePlan(CONTRACT, "don't run the reviewer; focus on IP", "contract");
    expect(ip.changes).toEqual(["removed reviewer", "contract-risk now looks first at “IP” (priority high)"]);
  });

  it("a note it cannot act on changes nothing and is reported", () => {
    const r = revisePlan(CONTRACT, "Make it nicer", "contract");
    expect(r.tasks).toEqual(CONTRACT);
    expect(r.changes).toEqual([]);
    expect(r.ignored).toEqual(["“Make it nicer”"]);
  });
});

describe("buildPlan with a re-plan note", () => {
  const document = makeDocument(readFileSync("tests/fixtures/contract.txt", "utf8"), { fileName: "contract.txt" });
  const catalogue = TEMPLATES.contract.map((t) => ({ name: t.worker }));

  it("after a direct answer (no tasks to change) plans again from the request and the note, and says so", () => {
    const request = "How many pages is this?";
    const previous = buildPlan({ document, request, catalogue, maxTasks: 8 });
    expect(previous.mode).toBe("direct");
    const plan = buildPlan({ document, request, catalogue, maxTasks: 8, revision: { previous, note: "Summarise it" } });
    expect(plan.mode).toBe("orchestrate");
    expect(plan.tasks.map((t) => t.worker)).toContain("summarizer");
    expect(plan.analysis).toContain("In answer to your note “Summarise it”: the previous plan was a direct answer with no tasks to change");
  });
});

describe("re-plan through the engine with the offline port", () => {
  const LIMITS: RunLimits = { maxTasks: 8, concurrency: 2, taskTimeoutMs: 30_000, maxAttempts: 1 };
  const contract = makeDocument(readFileSync("tests/fixtures/contract.txt", "utf8"), { fileName: "contract.txt" });

  async function replan(note: string) {
    let state = initialRunState("rp");
    const { sink, events } = createMemorySink({ runId: "rp", onEvent: (e) => (state = applyEvent(state, e)) });
    const port = createOfflinePort();
    const signal = new AbortController().signal;
    await executeRun({ document: contract, request: "Key points, risks and issues", review: true }, { port, sink, signal, limits: LIMITS });
    const first = state.plan;
    await sink({ type: "plan-replan", note, by: "tester" });
    await continueRun(state, { document: contract, request: "Key points, risks and issues" }, { port, sink, signal, limits: LIMITS });
    expect(state.status).toBe("awaiting-approval");
    expect(reduceRun(events)).toEqual(state);
    return { first, second: state.plan };
  }

  it("a note that names aspects changes the plan and the analysis says what changed", async () => {
    const { first, second } = await replan("Focus on liability, skip the summary");
    expect(ids(first?.tasks ?? [])).toContain("summarizer");
    expect(ids(second?.tasks ?? [])).toEqual(["key-facts", "clause-analyzer", "contract-risk", "reviewer"]);
    expect(second?.tasks.find((t) => t.id === "contract-risk")?.focus).toMatch(/^liability; /);
    expect(second?.analysis).toContain("In answer to your note “Focus on liability, skip the summary”: contract-risk now looks first at “liability” (priority high); removed summarizer.");
  });

  it("a note it cannot act on leaves the plan as it was and says so plainly", async () => {
    const { first, second } = await replan("Make it nicer");
    expect(second?.tasks).toEqual(first?.tasks);
    expect(second?.analysis).toMatch(/In answer to your note “Make it nicer”: the offline planner could not act on it .*The plan is unchanged\./);
  });
});
