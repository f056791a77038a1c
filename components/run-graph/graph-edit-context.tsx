"use client";

import { createContext, useContext } from "react";

/**
 * While a plan awaits approval the graph is editable: task nodes show connectable handles and
 * the validator's reason for any fault on them (`nodeIssues`, keyed by node id).
 */
export type GraphEditState = { editing: boolean; nodeIssues: ReadonlyMap<string, readonly string[]> };

const GraphEditContext = createContext<GraphEditState>({ editing: false, nodeIssues: new Map() });

export const GraphEditProvider = GraphEditContext.Provider;
export const useGraphEdit = (): GraphEditState => useContext(GraphEditContext);
