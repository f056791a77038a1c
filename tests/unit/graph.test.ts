import { describe, expect, it } from "vitest";
import type { RunEventDraft } from "@/lib/engine/events";
import type { PlanTask } from "@/lib/engine/plan";
import { reduceRun } from "@/lib/engine/reduce-run";
import { layoutGraph, layoutToFit, NODE_SIZE, fitScore, toGraph, type GraphLayout, type GraphNode, type LayoutDirection, type XY } from "@/lib/graph";
import { planEnd, planTask, runStart, stampEvents, usage, workerOutput } from "../support/run-events";

/** The canvas's room at zoom 1: a 1366 × 900 laptop (page padding, card border, zoom-button room) and a 390 × 844 phone. */
const LAPTOP = { width: 1366 - 15 - 34, height: 540 - 56 };
const PHONE = { width: 390 - 34, height: 506 - 56 };
const START = Date.parse("2025-01-01T00:00:00.000Z");
const sample = [planTask("a"), planTask("b"), planTask("c", ["a", "b"]), planTask("d", ["c"]), planTask("e", ["a"], "summarizer")];

/** Token figures show for metered backends only (offline runs would read 0 everywhere). */
const meteredStart = (): RunEventDraft => ({ ...runStart(), backend: "claude" }) as RunEventDraft;

const midRun: RunEventDraft[] = [
  meteredStart(),
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

    // Work flows into running tasks: their incoming edges are live; finished work feeds "done" edges.
    const state = (id: string) => edges.find((e) => e.id === id)?.state;
    expect(state("task:a->task:e")).toBe("live");
    expect(state("orchestrator->task:b")).toBe("live");
    expect(state("task:a->task:c")).toBe("done");
    expect(state("task:c->task:d")).toBe("idle");
  });

  it("stops a task's clock while its resumed run waits for a slot", () => {
    const { nodes } = graphAt([...midRun, { type: "run-queued", reason: "no free slot" }], START + 60_000);
    expect(byId(nodes, "task:e").data).toMatchObject({ status: "pending", elapsedMs: 1_000 }); // started at 7 s, queued at 8 s
  });

  it("ends with final statuses and a finished synthesis", () => {
    const { nodes, edges } = graphAt(finished);
    const status = (id: string) => byId(nodes, id).data.status;
    expect(["task:a", "task:b", "task:c", "task:d", "task:e"].map(status)).toEqual(["succeeded", "failed", "skipped", "skipped", "partial"]);
    expect(status("synthesis")).toBe("succeeded");
    expect(byId(nodes, "synthesis").data.tokens).toBe(20);
    expect(byId(nodes, "task:b").data.tokens).toBe(7);
    expect(edges.some((e) => e.state === "live")).toBe(false);
    // Into (and out of) failed or skipped tasks nothing flows.
    expect(edges.find((e) => e.id === "task:b->task:c")?.state).toBe("dead");
    expect(edges.find((e) => e.id === "task:c->task:d")?.state).toBe("dead");
  });

  it("shows no token figures for the offline backend", () => {
    const { nodes } = graphAt([runStart(), ...finished.slice(1)]);
    for (const node of nodes) expect(node.data.tokens, node.id).toBeNull();
  });

  it("marks the synthesis stale while tasks are re-run after the report", () => {
    const rerun: RunEventDraft[] = [...finished, { type: "task-reset", taskIds: ["e"], reason: "user" }];
    const synthesis = byId(graphAt(rerun).nodes, "synthesis");
    if (synthesis.type !== "synthesis") throw new Error("synthesis node expected");
    expect(synthesis.data.stale).toBe(true);
    const before = byId(graphAt(finished).nodes, "synthesis");
    expect(before.type === "synthesis" && before.data.stale).toBe(false);
  });

  it("links the orchestrator straight to synthesis for a direct answer", () => {
    const direct: RunEventDraft = { type: "plan-end", plan: { analysis: "Simple", mode: "direct", directAnswer: "Yes.", tasks: [] }, usage: usage(3), repaired: false };
    const { nodes, edges } = graphAt([runStart(), direct]);
    expect(nodes.map((n) => n.id)).toEqual(["orchestrator", "synthesis"]);
    expect(edges.map((e) => e.id)).toEqual(["orchestrator->synthesis"]);
  });
});

type Rect = { id: string; x: number; y: number; w: number; h: number };

function rects(layout: GraphLayout, nodes: GraphNode[]): Rect[] {
  return nodes.map((n) => {
    const p = layout.positions.get(n.id);
    if (!p) throw new Error(`${n.id} not placed`);
    return { id: n.id, x: p.x, y: p.y, w: NODE_SIZE[n.type].width, h: NODE_SIZE[n.type].height };
  });
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Whether the segment p→q passes through the inside of r (touching its border is allowed). */
function segmentCrosses(p: XY, q: XY, r: Rect): boolean {
  const eps = 0.5;
  const [x0, x1] = [r.x + eps, r.x + r.w - eps];
  const [y0, y1] = [r.y + eps, r.y + r.h - eps];
  // Liang–Barsky clipping against the shrunken rectangle.
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [pk, qk] of [
    [-dx, p.x - x0],
    [dx, x1 - p.x],
    [-dy, p.y - y0],
    [dy, y1 - p.y],
  ] as const) {
    if (pk === 0) {
      if (qk < 0) return false;
      continue;
    }
    const t = qk / pk;
    if (pk < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

async function layoutOf(tasks: PlanTask[], direction: LayoutDirection = "RIGHT") {
  const { nodes, edges } = graphAt([runStart(), planEnd(tasks)]);
  return { nodes, edges, layout: await layoutGraph({ nodes, edges }, direction) };
}

const chain = Array.from({ length: 6 }, (_, i) => planTask(`t${i}`, i === 0 ? [] : [`t${i - 1}`]));
const wide = Array.from({ length: 8 }, (_, i) => planTask(`w${i}`));
const diamond = [planTask("a"), planTask("b", ["a"]), planTask("c", ["a"]), planTask("d", ["b", "c"]), planTask("r", ["d"], "reviewer")];

/** A plan of `n` tasks in layers, each depending on up to three tasks of earlier layers (deterministic). */
function layered(n: number, seed: number): PlanTask[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const tasks: PlanTask[] = [];
  for (let i = 0; i < n; i++) {
    const earlier = tasks.map((t) => t.id);
    const deps = i < 3 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => earlier[Math.floor(rand() * earlier.length)] as string))];
    tasks.push(planTask(`task-${i + 1}`, deps));
  }
  return tasks;
}

describe("layoutGraph", () => {
  it.each([
    ["sample", sample],
    ["wide (8 parallel)", wide],
    ["chain", chain],
    ["diamond", diamond],
    ["direct", []],
    ["20 tasks", layered(20, 7)],
  ])("places every node of the %s plan without overlaps", async (_name, tasks) => {
    const { nodes, layout } = await layoutOf(tasks);
    const placed = rects(layout, nodes);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
    for (const r of placed) {
      expect(r.x + r.w).toBeLessThanOrEqual(layout.width);
      expect(r.y + r.h).toBeLessThanOrEqual(layout.height);
    }
  });

  it.each([
    ["sample", "RIGHT", sample],
    ["diamond", "DOWN", diamond],
    ["5 tasks", "RIGHT", layered(5, 1)],
    ["12 tasks", "RIGHT", layered(12, 3)],
    ["12 tasks", "DOWN", layered(12, 3)],
    ["20 tasks", "RIGHT", layered(20, 7)],
    ["20 tasks", "DOWN", layered(20, 11)],
  ] as const)("routes every edge of the %s plan (%s) around the nodes it does not connect", async (_name, direction, tasks) => {
    const { nodes, edges, layout } = await layoutOf([...tasks], direction);
    const placed = rects(layout, nodes);
    expect(layout.routes.size).toBe(edges.length);
    for (const edge of edges) {
      const route = layout.routes.get(edge.id) ?? [];
      expect(route.length, edge.id).toBeGreaterThanOrEqual(2);
      for (const r of placed) {
        if (r.id === edge.source || r.id === edge.target) continue;
        for (let i = 1; i < route.length; i++) {
          expect(segmentCrosses(route[i - 1] as XY, route[i] as XY, r), `${edge.id} crosses ${r.id}`).toBe(false);
        }
      }
      // Orthogonal: every segment is horizontal or vertical.
      for (let i = 1; i < route.length; i++) {
        const [p, q] = [route[i - 1] as XY, route[i] as XY];
        expect(Math.abs(p.x - q.x) < 0.01 || Math.abs(p.y - q.y) < 0.01, edge.id).toBe(true);
      }
    }
  });

  it("checks crossings for real: a segment through a node is caught", () => {
    expect(segmentCrosses({ x: 0, y: 50 }, { x: 300, y: 50 }, { id: "n", x: 100, y: 0, w: 100, h: 100 })).toBe(true);
    expect(segmentCrosses({ x: 0, y: 0 }, { x: 300, y: 0 }, { id: "n", x: 100, y: 0, w: 100, h: 100 })).toBe(false);
  });

  it("lays out left to right, or top to bottom: every edge points further along", async () => {
    for (const direction of ["RIGHT", "DOWN"] as const) {
      const { edges, layout } = await layoutOf(diamond, direction);
      const axis = direction === "RIGHT" ? "x" : "y";
      for (const edge of edges) expect(layout.positions.get(edge.target)?.[axis]).toBeGreaterThan(layout.positions.get(edge.source)?.[axis] ?? Infinity);
    }
  });

  it("turns a plan that is too wide for the screen top to bottom", async () => {
    const { nodes, edges } = graphAt([runStart(), planEnd(chain)]);
    expect((await layoutToFit({ nodes, edges }, { width: 4000, height: 484 })).direction).toBe("RIGHT");
    const narrow = await layoutToFit({ nodes, edges }, PHONE);
    expect(narrow.direction).toBe("DOWN");
    expect(narrow.width).toBeLessThan((await layoutGraph({ nodes, edges }, "RIGHT")).width);
  });

  it("draws a usual plan (orchestrator, two chained tasks and a reviewer, synthesis) left to right on a 1366-px laptop", async () => {
    const usual = [planTask("clause-analyzer"), planTask("contract-risk", ["clause-analyzer"]), planTask("reviewer", ["clause-analyzer", "contract-risk"], "reviewer")];
    const { nodes, edges } = graphAt([runStart(), planEnd(usual)]);
    // The canvas is the screen less the page's padding (2 × 16 px) and the card's border (2 × 1 px).
    const layout = await layoutToFit({ nodes, edges }, LAPTOP);
    expect(layout.direction).toBe("RIGHT");
  });

  it("draws a plan whose tasks skip layers left to right on a laptop (top to bottom needs more panning), top to bottom on a phone", async () => {
    // The offline contract plan: key facts and a summary beside the clause → risk → reviewer chain, all feeding the synthesis.
    const skipping = [
      planTask("key-facts"),
      planTask("clause-analyzer"),
      planTask("summary", [], "summarizer"),
      planTask("contract-risk", ["clause-analyzer"]),
      planTask("reviewer", ["contract-risk", "clause-analyzer"], "reviewer"),
    ];
    const { nodes, edges } = graphAt([runStart(), planEnd(skipping)]);
    const [right, down] = await Promise.all([layoutGraph({ nodes, edges }, "RIGHT"), layoutGraph({ nodes, edges }, "DOWN")]);
    // What made the old width-only rule turn it: a hair wider than the laptop canvas left to right.
    expect(right.width).toBeGreaterThan(LAPTOP.width - 20);
    expect(down.height).toBeGreaterThan(LAPTOP.height);
    const laptop = await layoutToFit({ nodes, edges }, LAPTOP);
    expect(laptop.direction).toBe("RIGHT");
    expect(fitScore(laptop, LAPTOP)).toBeGreaterThan(fitScore(down, LAPTOP));
    expect((await layoutToFit({ nodes, edges }, PHONE)).direction).toBe("DOWN");
  });

  it("scores a fit: 1 when the drawing fits, sideways overflow counting more than downward", () => {
    expect(fitScore({ width: 200, height: 100 }, { width: 400, height: 400 })).toBe(1);
    expect(fitScore({ width: 800, height: 100 }, { width: 400, height: 400 })).toBe(0.25);
    expect(fitScore({ width: 100, height: 800 }, { width: 400, height: 400 })).toBe(0.5);
    expect(fitScore({ width: 800, height: 800 }, { width: 400, height: 200 })).toBe(0.0625);
  });

  it("puts every task without dependencies in the first layer after the orchestrator", async () => {
    const tasks = [...wide.slice(0, 6), planTask("review", ["w0", "w1"], "reviewer")];
    const { layout } = await layoutOf(tasks);
    const roots = wide.slice(0, 6).map((t) => layout.positions.get(`task:${t.id}`)?.x);
    expect(new Set(roots).size).toBe(1);
    expect(layout.positions.get("task:review")?.x).toBeGreaterThan(roots[0] ?? Infinity);
  });

  it("keeps positions stable while statuses change", async () => {
    const positions = async (drafts: RunEventDraft[]) => {
      const { nodes, edges } = graphAt(drafts);
      const layout = await layoutGraph({ nodes, edges }, "RIGHT");
      return { positions: Object.fromEntries(layout.positions), routes: Object.fromEntries(layout.routes) };
    };
    const planned = await positions([runStart(), planEnd(sample)]);
    expect(await positions(midRun)).toEqual(planned);
    expect(await positions(finished)).toEqual(planned);
  });
});
