export * from "./graph-types";
export { toGraph, orchestratorStatus, synthesisStatus, type ToGraphOptions } from "./to-graph";
export { layoutGraph, computePositions, layoutKey, type LayoutDirection, type LayoutOptions } from "./layout-graph";
export { applyPhaseEvent, reducePhases, INITIAL_PHASE_TIMES, type PhaseTimes } from "./phase-times";
export { elapsedBetween } from "./elapsed";
