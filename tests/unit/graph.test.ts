import { describe, expect, it } from "vitest";
import type { RunEventDraft } from "@/lib/engine/events";
import type { PlanTask } from "@/lib/engine/plan";
import { reduceRun } from "@/lib/engine/reduce-run";
import { layoutGraph, NODE_SIZE, toGraph, type GraphNode } from "@/lib/graph";
import { planEnd, planTask, runStart, stampEvents, usage, workerOutput } from "../support/run-events";

const START = Date.parse("2025-01-01T00:00:00.000Z");
const sample = [planTask("a"), planTask("b"), planTask("c", ["a", "b"]), planTask("d", ["c"]), planTask("e", ["a"], "summarizer")];

const midRun: RunEventDraft[] = [
  runStart(),
  { type: "plan-delta", text: "Thinking" },
  planEnd(sample, 100),
  { type: "task-start", taskId: "a", attempt: 1 },
  { type: "task-start", taskId: "b", attempt: 1 },
  { type: "task-end", taskId: "a", attempt: 1, output: workerOutput(50) },
  { type: "task-retry", taskId: "b", attempt: 1, error: { code: "timeout", message: "slow" }, delayMs: 100 },
  { type: "task-start", taskId: "e", attempt: 1 },
];
const finished: RunEventDraft[] = [
  ...midRun,
  { type: "task-start", taskId: "b", attempt: 2 },
  { type: "task-error", taskId: "b", attempt: 2, error: { code: "timeout", message: "slow" }, usage: usage(7) },
  { type: "task-skip", taskId: "c", reason: "b failed" },
  { type: "task-skip", taskId: "d", reason: "c skipped" },
  { type: "task-end", taskId: "e", attempt: 1, output: workerOutput(30, "partial") },
  { type: "synthesis-start" },
  {
    type: "synthesis-end",
    report: { narrative: "Done", citations: [], findings: [], gaps: [], coverage: [], direct: false },
    usage: usage(20),
  },
  { type: "run-end", status: "partial" },
];

function graphAt(drafts: RunEventDraft[], nowMs = START + 60_000) {
  const events = stampEvents(drafts, { startMs: START });
  return toGraph(reduceRun(events), { now: nowMs });
}

const byId = (nodes: GraphNode[], id: string) => {
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
};

describe("toGraph", () => {
  it("shows the orchestrator alone before the plan, running while it plans", () => {
    const { nodes, edges } = graphAt([runStart(), { type: "plan-delta", text: "Hm" }], START + 5_000);
    expect(nodes.map((n) => n.id)).toEqual(["orchestrator"]);
    expect(edges).toEqual([]);
    expect(nodes[0]?.data.status).toBe("running");
    expect(nodes[0]?.data.elapsedMs).toBe(5_000);
  });

  it("maps a plan to one node per task plus synthesis, with an edge per dependency", () => {
    const { nodes, edges } = graphAt(midRun);
    expect(nodes.map((n) => n.id)).toEqual(["orchestrator", "task:a", "task:b", "task:c", "task:d", "task:e", "synthesis"]);
    expect(edges.map((e) => e.id).sort()).toEqual(
      [
        "orchestrator->task:a",
        "orchestrator->task:b",
        "task:a->task:c",
        "task:b->task:c",
        "task:c->task:d",
        "task:a->task:e",
        "task:d->synthesis",
        "task:e->synthesis",
      ].sort(),
    );
  });

  it("carries status, worker, elapsed time and tokens on the nodes", () => {
    const { nodes, edges } = graphAt(midRun, START + 10_000);
    const status = (id: string) => byId(nodes, id).data.status;
    expect(status("orchestrator")).toBe("succeeded");
    expect(status("task:a")).toBe("succeeded");
    expect(status("task:b")).toBe("retrying");
    expect(status("task:c")).toBe("pending");
    expect(status("task:e")).toBe("running");
    expect(status("synthesis")).toBe("pending");

    const a = byId(nodes, "task:a");
    if (a.type !== "task") throw new Error("task node expected");
    expect(a.data).toMatchObject({ worker: "key-facts", workerTitle: "Key facts", priority: "medium", tokens: 50, findingCount: 1 });
    expect(a.data.elapsedMs).toBe(2_000); // started at seq 4 (3 s), ended at seq 6 (5 s)
    expect(byId(nodes, "task:e").data.elapsedMs).toBe(3_000); // started at 7 s, still running at "now" = 10 s
    expect(byId(nodes, "task:c").data.elapsedMs).toBeNull();
    expect(byId(nodes, "orchestrator").data).toMatchObject({ tokens: 100, elapsedMs: 2_000 });

    // Work flows into running tasks: their incoming edges are animated, others are not.
    expect(edges.find((e) => e.id === "task:a->task:e")?.animated).toBe(true);
    expect(edges.find((e) => e.id === "orchestrator->task:b")?.animated).toBe(true);
    expect(edges.find((e) => e.id === "task:a->task:c")?.animated).toBe(false);
  });

  it("ends with final statuses and a finished synthesis", () => {
    const { nodes, edges } = graphAt(finished);
    const status = (id: string) => byId(nodes, id).data.status;
    expect(["task:a", "task:b", "task:c", "task:d", "task:e"].map(status)).toEqual(["succeeded", "failed", "skipped", "skipped", "partial"]);
    expect(status("synthesis")).toBe("succeeded");
    expect(byId(nodes, "synthesis").data.tokens).toBe(20);
    expect(byId(nodes, "task:b").data.tokens).toBe(7);
    expect(edges.some((e) => e.animated)).toBe(false);
  });

  it("links the orchestrator straight to synthesis for a direct answer", () => {
    const direct: RunEventDraft = { type: "plan-end", plan: { analysis: "Simple", mode: "direct", directAnswer: "Yes.", tasks: [] }, usage: usage(3), repaired: false };
    const { nodes, edges } = graphAt([runStart(), direct]);
    expect(nodes.map((n) => n.id)).toEqual(["orchestrator", "synthesis"]);
    expect(edges.map((e) => e.id)).toEqual(["orchestrator->synthesis"]);
  });
});

type Rect = { id: string; x: number; y: number; w: number; h: number };

function rects(nodes: GraphNode[]): Rect[] {
  return nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, w: NODE_SIZE[n.type].width, h: NODE_SIZE[n.type].height }));
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function layoutOf(tasks: PlanTask[]) {
  const { nodes, edges } = graphAt([runStart(), planEnd(tasks)]);
  return layoutGraph(nodes, edges);
}

const chain = Array.from({ length: 6 }, (_, i) => planTask(`t${i}`, i === 0 ? [] : [`t${i - 1}`]));
const wide = Array.from({ length: 8 }, (_, i) => planTask(`w${i}`));
const diamond = [planTask("a"), planTask("b", ["a"]), planTask("c", ["a"]), planTask("d", ["b", "c"]), planTask("r", ["d"], "reviewer")];

describe("layoutGraph", () => {
  it.each([
    ["sample", sample],
    ["wide (8 parallel)", wide],
    ["chain", chain],
    ["diamond", diamond],
    ["direct", []],
  ])("places every node of the %s plan without overlaps", (_name, tasks) => {
    const placed = rects(layoutOf(tasks));
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  });

  it("lays out left to right: every edge points to a node further right", () => {
    const { nodes, edges } = graphAt([runStart(), planEnd(diamond)]);
    const placed = new Map(layoutGraph(nodes, edges).map((n) => [n.id, n.position]));
    for (const edge of edges) expect(placed.get(edge.target)?.x).toBeGreaterThan(placed.get(edge.source)?.x ?? Infinity);
  });

  it("puts every task without dependencies in the first column after the orchestrator", () => {
    const tasks = [...wide.slice(0, 6), planTask("review", ["w0", "w1"], "reviewer")];
    const { nodes, edges } = graphAt([runStart(), planEnd(tasks)]);
    const x = new Map(layoutGraph(nodes, edges).map((n) => [n.id, n.position.x]));
    const roots = wide.slice(0, 6).map((t) => x.get(`task:${t.id}`));
    expect(new Set(roots).size).toBe(1);
    expect(x.get("task:review")).toBeGreaterThan(roots[0] ?? Infinity);
  });

  it("keeps positions stable while statuses change", () => {
    const positions = (drafts: RunEventDraft[]) => {
      const { nodes, edges } = graphAt(drafts);
      return Object.fromEntries(layoutGraph(nodes, edges).map((n) => [n.id, n.position]));
    };
    const planned = positions([runStart(), planEnd(sample)]);
    expect(positions(midRun)).toEqual(planned);
    expect(positions(finished)).toEqual(planned);
  });
});
