export * from "./graph-types";
export { toGraph, orchestratorStatus, synthesisStatus, type ToGraphOptions } from "./to-graph";
export { layoutGraph, computePositions, layoutKey, type LayoutDirection, type LayoutOptions } from "./layout-graph";
export { elapsedBetween } from "./elapsed";
