"use client";

import { useEffect, useMemo, useState } from "react";
import { layoutKey, layoutToFit, type AvailableArea, type GraphLayout, type GraphStructure, type RunGraph } from "@/lib/graph";

/**
 * The plan's structure as one value per plan: a new object only when nodes or edges (not their
 * statuses) change, so everything keyed on it stays put while events stream.
 */
export function useStructure(graph: RunGraph): { key: string; structure: GraphStructure } {
  const key = layoutKey(graph);
  // Keyed on the string on purpose: `graph` is a new object on every event.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const structure = useMemo(() => ({ nodes: graph.nodes.map(({ id, type }) => ({ id, type })), edges: graph.edges.map(({ id, source, target }) => ({ id, source, target })) }), [key]);
  return { key, structure };
}

/**
 * ELK lays the plan out (asynchronously) once per structure and bucket of the room the canvas
 * offers (`area`, px at zoom 1, null until known); null until the first layout is ready. A failed
 * layout keeps the last good one.
 */
export function useGraphLayout(structure: GraphStructure, area: AvailableArea | null): GraphLayout | null {
  const [layout, setLayout] = useState<GraphLayout | null>(null);
  // Nearby sizes hardly change which direction shows more, so they share a layout.
  const width = area === null ? null : Math.floor(area.width / 20) * 20;
  const height = area === null ? null : Math.floor(area.height / 20) * 20;
  useEffect(() => {
    if (width === null || height === null) return;
    let current = true;
    layoutToFit(structure, { width, height }).then(
      (next) => {
        if (current) setLayout((prev) => (prev && prev.key === next.key && prev.direction === next.direction ? prev : next));
      },
      (error: unknown) => console.error("Graph layout failed", error),
    );
    return () => {
      current = false;
    };
  }, [structure, width, height]);
  return layout;
}
