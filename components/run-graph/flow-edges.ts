import { MarkerType, type Edge } from "@xyflow/react";
import type { GraphEdge, NodeStatus } from "@/lib/graph";

const PATH = "[&_.react-flow__edge-path]";

/** Edge look by what flows along it: live work (animated, blue), finished work, or nothing (dashed). */
function edgeClass(source: NodeStatus, target: NodeStatus): string {
  if (target === "running" || target === "retrying") return `${PATH}:stroke-status-running dark:${PATH}:stroke-status-running-dark ${PATH}:stroke-2`;
  if (source === "failed" || source === "skipped" || target === "skipped") return `${PATH}:[stroke-dasharray:5_5] opacity-60`;
  if (source === "succeeded" || source === "partial") return `${PATH}:stroke-slate-500 dark:${PATH}:stroke-slate-400`;
  return "";
}

export function toFlowEdges(edges: readonly GraphEdge[]): Edge[] {
  return edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    animated: e.animated,
    focusable: false,
    selectable: false,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    className: edgeClass(e.data.sourceStatus, e.data.targetStatus),
  }));
}
