import { MarkerType, type Edge } from "@xyflow/react";
import type { GraphEdge, NodeStatus } from "@/lib/graph";

// Full class names written out: Tailwind only generates classes it can read in the source.
const LIVE =
  "[&_.react-flow__edge-path]:stroke-status-running dark:[&_.react-flow__edge-path]:stroke-status-running-dark [&_.react-flow__edge-path]:stroke-2";
const DONE = "[&_.react-flow__edge-path]:stroke-slate-500 dark:[&_.react-flow__edge-path]:stroke-slate-400";
const DEAD = "[&_.react-flow__edge-path]:[stroke-dasharray:5_5] opacity-60";

/** Edge look by what flows along it: live work (animated, blue), finished work, or nothing (dashed). */
function edgeClass(source: NodeStatus, target: NodeStatus): string {
  if (target === "running" || target === "retrying") return LIVE;
  if (source === "failed" || source === "canceled" || source === "skipped" || target === "skipped") return DEAD;
  if (source === "succeeded" || source === "partial") return DONE;
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
