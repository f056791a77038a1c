import { Position, type NodeHandle } from "@xyflow/react";
import { NODE_SIZE, type GraphLayout, type GraphNode, type GraphStructure } from "@/lib/graph";
import type { RunFlowNode } from "./node-types";
import type { RoutedFlowEdge } from "./routed-edge";

/**
 * Handles are declared on the node, not only measured from the DOM: React Flow then knows where
 * edges attach before (and whenever) it re-measures, so it never hides an edge while it waits.
 */
function handlesOf(node: Pick<GraphNode, "id" | "type">, direction: GraphLayout["direction"]): NodeHandle[] {
  const { width, height } = NODE_SIZE[node.type];
  const down = direction === "DOWN";
  const target: NodeHandle = down
    ? { type: "target", position: Position.Top, x: width / 2, y: 0, width: 1, height: 1 }
    : { type: "target", position: Position.Left, x: 0, y: height / 2, width: 1, height: 1 };
  const source: NodeHandle = down
    ? { type: "source", position: Position.Bottom, x: width / 2, y: height, width: 1, height: 1 }
    : { type: "source", position: Position.Right, x: width, y: height / 2, width: 1, height: 1 };
  return node.type === "orchestrator" ? [source] : node.type === "synthesis" ? [target] : [target, source];
}

function sameData(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * React Flow nodes for the laid-out graph. A node whose data and position did not change is the
 * same object as before (`previous`), so React Flow keeps its internal state and skips it.
 * Nodes the layout has not placed yet are left out (they appear with their edges). While the
 * plan is edited, task nodes are connectable (dependencies are drawn between them).
 */
export function toFlowNodes(nodes: readonly GraphNode[], layout: GraphLayout, previous: ReadonlyMap<string, RunFlowNode>, editing = false): RunFlowNode[] {
  return nodes.flatMap((n): RunFlowNode[] => {
    const position = layout.positions.get(n.id);
    if (!position) return [];
    const prev = previous.get(n.id);
    const connectable = editing && n.type === "task";
    if (prev && prev.position === position && prev.type === n.type && prev.connectable === connectable && sameData(prev.data, n.data)) return [prev];
    const size = NODE_SIZE[n.type];
    const common = { id: n.id, position, ...size, measured: size, handles: handlesOf(n, layout.direction), draggable: false, selectable: false, connectable };
    switch (n.type) {
      case "orchestrator":
        return [{ ...common, type: "orchestrator", data: n.data }];
      case "task":
        return [{ ...common, type: "task", data: n.data }];
      case "synthesis":
        return [{ ...common, type: "synthesis", data: n.data }];
    }
  });
}

/** One edge per dependency, built once per layout: statuses reach edges through EdgeStateProvider. */
export function toFlowEdges(structure: GraphStructure, layout: GraphLayout): RoutedFlowEdge[] {
  return structure.edges.flatMap((e): RoutedFlowEdge[] => {
    const route = layout.routes.get(e.id);
    if (!route || !layout.positions.has(e.source) || !layout.positions.has(e.target)) return [];
    return [{ id: e.id, source: e.source, target: e.target, type: "routed", data: { route }, selectable: false, focusable: false }];
  });
}
