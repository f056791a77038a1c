"use client";

import { getSmoothStepPath, type Edge, type EdgeProps } from "@xyflow/react";
import type { EdgeState, XY } from "@/lib/graph";
import { useEdgeState } from "./edge-state-context";

/** The route comes from the layout (ELK's orthogonal sections), not from the handles. */
export type RoutedEdgeData = { route: readonly XY[]; /** The validator's objections while the plan is edited. */ issues?: readonly string[] };
export type RoutedFlowEdge = Edge<RoutedEdgeData, "routed">;

const CORNER = 8;

/** An orthogonal polyline with rounded corners (radius ≤ half of either adjoining segment). */
export function routePath(points: readonly XY[]): string {
  const [first, ...rest] = points;
  if (!first) return "";
  let d = `M ${first.x} ${first.y}`;
  for (let i = 0; i < rest.length; i++) {
    const here = rest[i] as XY;
    const prev = (i === 0 ? first : rest[i - 1]) as XY;
    const next = rest[i + 1];
    if (!next) {
      d += ` L ${here.x} ${here.y}`;
      break;
    }
    const r = Math.min(CORNER, dist(prev, here) / 2, dist(here, next) / 2);
    const a = toward(here, prev, r);
    const b = toward(here, next, r);
    d += ` L ${a.x} ${a.y} Q ${here.x} ${here.y} ${b.x} ${b.y}`;
  }
  return d;
}

function dist(a: XY, b: XY): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function toward(from: XY, to: XY, by: number): XY {
  const d = dist(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * by) / d, y: from.y + ((to.y - from.y) * by) / d };
}

/** A filled triangle at the route's end, pointing along the last segment. */
function arrowHead(points: readonly XY[]): string {
  const end = points.at(-1);
  const before = points.at(-2);
  if (!end || !before) return "";
  const len = dist(before, end) || 1;
  const ux = (end.x - before.x) / len;
  const uy = (end.y - before.y) / len;
  const size = 8;
  const bx = end.x - ux * size;
  const by = end.y - uy * size;
  return `M ${end.x} ${end.y} L ${bx - uy * size * 0.55} ${by + ux * size * 0.55} L ${bx + uy * size * 0.55} ${by - ux * size * 0.55} Z`;
}

/**
 * Draws the layout's route; styled by `data-edge-state` in globals.css (live: animated and
 * thicker, done: muted, dead: dashed and faded). Falls back to a step path if a route is missing.
 */
export function RoutedEdge({ id, data, selected, interactionWidth, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps<RoutedFlowEdge>) {
  const state: EdgeState = useEdgeState(id);
  const route = data?.route;
  const points = route && route.length >= 2 ? route : null;
  const d = points ? routePath(points) : getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  return (
    <g className="run-edge" data-edge-state={state} data-edge-id={id} data-edge-issue={data?.issues ? "" : undefined} data-edge-selected={selected ? "" : undefined}>
      <path d={d} className="react-flow__edge-path run-edge-line" fill="none" />
      {/* A wider invisible stroke, so the thin line is easy to click while the plan is edited. */}
      <path d={d} className="react-flow__edge-interaction" fill="none" stroke="transparent" strokeWidth={interactionWidth ?? 12} />
      {points && <path d={arrowHead(points)} className="run-edge-arrow" />}
    </g>
  );
}
