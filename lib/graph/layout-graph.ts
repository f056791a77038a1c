import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import { NODE_SIZE, type GraphEdge, type GraphNode, type XY } from "./graph-types";

/** ELK's layered directions: RIGHT = left to right, DOWN = top to bottom. */
export type LayoutDirection = "RIGHT" | "DOWN";

/** The plan's shape, without statuses: all a layout depends on. */
export type GraphStructure = {
  nodes: readonly Pick<GraphNode, "id" | "type">[];
  edges: readonly Pick<GraphEdge, "id" | "source" | "target">[];
};

/**
 * A placed graph: top-left node positions (React Flow's convention), each edge's orthogonal route
 * from the source's border to the target's border (first and last point included), and the size
 * of the whole drawing in px at zoom 1.
 */
export type GraphLayout = {
  key: string;
  direction: LayoutDirection;
  width: number;
  height: number;
  positions: ReadonlyMap<string, XY>;
  routes: ReadonlyMap<string, readonly XY[]>;
};

/**
 * Identifies what the layout depends on: ids, node types and edges — never statuses — so a
 * stream of task events reuses the same layout and no node or edge moves.
 */
export function layoutKey(structure: GraphStructure): string {
  const nodes = structure.nodes.map((n) => `${n.type}:${n.id}`).join("|");
  const edges = structure.edges.map((e) => `${e.source}>${e.target}`).join("|");
  return `${nodes};${edges}`;
}

const elk = new ELK();

/**
 * ELK layered layout with orthogonal edge routing (https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html):
 * edges run in the channels between layers and nodes, so no edge crosses a node it does not
 * connect. Edges whose ends are not in `nodes` are left out.
 */
export async function layoutGraph(structure: GraphStructure, direction: LayoutDirection): Promise<GraphLayout> {
  const ids = new Set(structure.nodes.map((n) => n.id));
  const edges = structure.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": direction,
      "elk.edgeRouting": "ORTHOGONAL",
      // 40, not more: a usual five-layer plan then fits a 1366-px screen left to right, instead of
      // turning top to bottom with its synthesis below the canvas.
      "elk.layered.spacing.nodeNodeBetweenLayers": "40",
      "elk.spacing.nodeNode": "24",
      "elk.layered.spacing.edgeNodeBetweenLayers": "16",
      "elk.spacing.edgeNode": "16",
      "elk.spacing.edgeEdge": "10",
      // Every task as early as its dependencies allow: tasks that can start at once line up.
      "elk.layered.layering.strategy": "LONGEST_PATH_SOURCE",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.padding": "[top=16,left=16,bottom=16,right=16]",
    },
    children: structure.nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.type] })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const placed = await elk.layout(graph);

  const positions = new Map<string, XY>();
  for (const child of placed.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  const routes = new Map<string, XY[]>();
  for (const edge of placed.edges ?? []) {
    const section = edge.sections?.[0];
    if (!section) continue;
    routes.set(edge.id, [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y })));
  }
  return { key: layoutKey(structure), direction, width: placed.width ?? 0, height: placed.height ?? 0, positions, routes };
}

/** The room the canvas offers the drawing at zoom 1, in px. */
export type AvailableArea = { width: number; height: number };

/**
 * How well a drawing fits `area` at zoom 1, in (0, 1]: 1 when it fits; otherwise the visible
 * fraction down times the visible fraction across squared — panning sideways costs more than
 * down (a page, and the eye, move down; a phone's narrow screen makes a wide drawing a maze).
 */
export function fitScore(layout: Pick<GraphLayout, "width" | "height">, area: AvailableArea): number {
  const across = layout.width > 0 ? Math.min(1, area.width / layout.width) : 1;
  const down = layout.height > 0 ? Math.min(1, area.height / layout.height) : 1;
  return across * across * down;
}

/**
 * Both directions, then left to right if that fits `area` (the usual reading direction of a
 * plan), else whichever fits better ({@link fitScore}); on a
 * tie, left to right. Width alone does not decide: a plan whose tasks skip layers is barely wider
 * than a five-layer one left to right but twice as tall top to bottom, so top to bottom would
 * need more panning on a laptop while a phone still gets top to bottom.
 */
export async function layoutToFit(structure: GraphStructure, area: AvailableArea): Promise<GraphLayout> {
  const [right, down] = await Promise.all([layoutGraph(structure, "RIGHT"), layoutGraph(structure, "DOWN")]);
  if (right.width <= area.width && right.height <= area.height) return right;
  return fitScore(down, area) > fitScore(right, area) ? down : right;
}
