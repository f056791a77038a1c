import dagre from "@dagrejs/dagre";
import { NODE_SIZE, ORCHESTRATOR_NODE_ID, type GraphEdge, type GraphNode, type XY } from "./graph-types";

export type LayoutDirection = "LR" | "TB";

export type LayoutOptions = {
  direction?: LayoutDirection;
  /** Gap between nodes of the same rank. */
  nodeGap?: number;
  /** Gap between ranks. */
  rankGap?: number;
};

type Structure = { nodes: readonly Pick<GraphNode, "id" | "type">[]; edges: readonly Pick<GraphEdge, "source" | "target">[] };

/**
 * Identifies what the layout depends on: ids, node types and edges — never statuses — so a
 * stream of task events reuses the same positions and no node jumps.
 */
export function layoutKey(structure: Structure, options: LayoutOptions = {}): string {
  const nodes = structure.nodes.map((n) => `${n.type}:${n.id}`).join("|");
  const edges = structure.edges.map((e) => `${e.source}>${e.target}`).join("|");
  return `${options.direction ?? "LR"};${options.nodeGap ?? ""};${options.rankGap ?? ""};${nodes};${edges}`;
}

let cache: { key: string; positions: ReadonlyMap<string, XY> } | undefined;

/** Top-left positions (React Flow's convention) for a layered left-to-right (or top-down) layout. */
export function computePositions(structure: Structure, options: LayoutOptions = {}): ReadonlyMap<string, XY> {
  const key = layoutKey(structure, options);
  if (cache?.key === key) return cache.positions;

  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: options.direction ?? "LR",
    nodesep: options.nodeGap ?? 20,
    ranksep: options.rankGap ?? 56,
    marginx: 16,
    marginy: 16,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of structure.nodes) g.setNode(node.id, { ...NODE_SIZE[node.type] });
  for (const edge of structure.edges) {
    if (!g.hasNode(edge.source) || !g.hasNode(edge.target)) continue;
    // Heavier edges are kept short: a task without dependencies sits right after the orchestrator
    // instead of being pulled next to the synthesis node.
    g.setEdge(edge.source, edge.target, { weight: edge.source === ORCHESTRATOR_NODE_ID ? 4 : 1 });
  }
  dagre.layout(g);

  const positions = new Map<string, XY>();
  for (const node of structure.nodes) {
    const placed: unknown = g.node(node.id);
    const { width, height } = NODE_SIZE[node.type];
    const center = isPoint(placed) ? placed : { x: 0, y: 0 };
    positions.set(node.id, { x: Math.round(center.x - width / 2), y: Math.round(center.y - height / 2) });
  }
  cache = { key, positions };
  return positions;
}

/** Returns the nodes with positions filled in; inputs are not mutated. */
export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[], options: LayoutOptions = {}): GraphNode[] {
  const positions = computePositions({ nodes, edges }, options);
  return nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position }));
}

function isPoint(value: unknown): value is XY {
  if (typeof value !== "object" || value === null) return false;
  const { x, y } = value as { x?: unknown; y?: unknown };
  return typeof x === "number" && typeof y === "number";
}
