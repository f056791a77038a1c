"use client";

import { createContext, useContext } from "react";
import type { EdgeState } from "@/lib/graph";

const EdgeStateContext = createContext<ReadonlyMap<string, EdgeState>>(new Map());

/**
 * Edge states travel beside the edge list, not in it: the list React Flow gets changes only
 * when the plan does, so a burst of status events can never make it re-create (and drop) edges.
 */
export const EdgeStateProvider = EdgeStateContext.Provider;

export function useEdgeState(edgeId: string): EdgeState {
  return useContext(EdgeStateContext).get(edgeId) ?? "idle";
}
