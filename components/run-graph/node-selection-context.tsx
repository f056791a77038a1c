"use client";

import { createContext, useContext } from "react";

export type NodeSelection = { selectedId: string | null; select: (nodeId: string) => void };

const NodeSelectionContext = createContext<NodeSelection>({ selectedId: null, select: () => {} });

export const NodeSelectionProvider = NodeSelectionContext.Provider;

/** Custom nodes get only their data from React Flow; which node is open comes from here. */
export function useNodeSelection(): NodeSelection {
  return useContext(NodeSelectionContext);
}

/** Where the DOM keeps a node's button, so the panel can hand focus back when it closes. */
export const nodeButtonSelector = (nodeId: string): string => `[data-node-button="${CSS.escape(nodeId)}"]`;
