export * from "./graph-types";
export { toGraph, orchestratorStatus, synthesisStatus, edgeState, isMetered, isStale, type ToGraphOptions } from "./to-graph";
export { layoutGraph, layoutToFit, layoutKey, fitScore, type AvailableArea, type GraphLayout, type GraphStructure, type LayoutDirection } from "./layout-graph";
export { elapsedBetween } from "./elapsed";
export { taskCounts, describeCounts, type TaskCounts } from "./task-counts";
export { toTimeline, type Timeline, type TimelineRow, type TimelineAttempt, type Span } from "./timeline";
