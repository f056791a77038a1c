import type { Priority } from "../engine/plan";
import type { TaskStatus } from "../engine/run-state";

/** Every node shows one of the task statuses; orchestrator and synthesis map their phase onto it. */
export type NodeStatus = TaskStatus;

type NodeDataBase = {
  label: string;
  status: NodeStatus;
  /** Wall-clock time spent so far (or in total once ended); null before it starts. */
  elapsedMs: number | null;
  /** All tokens (input, output, cache) this step used; null when the backend does not meter tokens (offline). */
  tokens: number | null;
  /** While the step's model call waits: e.g. "waiting for rate limit (retry in 12 s)", and a short form for the card. */
  wait?: { label: string; short: string };
};

export type OrchestratorNodeData = NodeDataBase & {
  kind: "orchestrator";
  backend?: string;
  mode?: "direct" | "orchestrate";
  taskCount: number;
  repaired: boolean;
};

export type TaskNodeData = NodeDataBase & {
  kind: "task";
  taskId: string;
  worker: string;
  workerTitle: string;
  priority: Priority;
  description: string;
  /** The attempt in progress or the last one made; 0 before the first start. */
  attempt: number;
  findingCount: number;
};

export type SynthesisNodeData = NodeDataBase & {
  kind: "synthesis";
  findingCount: number;
  gapCount: number;
  /** Tasks are being re-run: the report the synthesis made is out of date until it runs again. */
  stale: boolean;
};

export type XY = { x: number; y: number };

/** Structurally a React Flow `Node<Data, Type>`, kept free of React so it runs in plain Node. */
export type OrchestratorGraphNode = { id: string; type: "orchestrator"; data: OrchestratorNodeData; position: XY };
export type TaskGraphNode = { id: string; type: "task"; data: TaskNodeData; position: XY };
export type SynthesisGraphNode = { id: string; type: "synthesis"; data: SynthesisNodeData; position: XY };
export type GraphNode = OrchestratorGraphNode | TaskGraphNode | SynthesisGraphNode;
export type GraphNodeType = GraphNode["type"];

/**
 * What flows along an edge: `live` into a running task, `done` from finished work, `dead` into
 * (or out of) a task that failed, was skipped or canceled, `idle` before anything happened.
 */
export type EdgeState = "idle" | "live" | "done" | "dead";

export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  state: EdgeState;
};

export type RunGraph = { nodes: GraphNode[]; edges: GraphEdge[] };

export const ORCHESTRATOR_NODE_ID = "orchestrator";
export const SYNTHESIS_NODE_ID = "synthesis";
/** Prefixed so a task called "synthesis" or "orchestrator" cannot collide with the fixed nodes. */
export const taskNodeId = (taskId: string): string => `task:${taskId}`;
export const edgeId = (source: string, target: string): string => `${source}->${target}`;

/** Fixed sizes: the layout reserves exactly this space, so nodes never grow while events stream. */
export const NODE_SIZE: Record<GraphNodeType, { width: number; height: number }> = {
  orchestrator: { width: 216, height: 112 },
  task: { width: 232, height: 112 },
  synthesis: { width: 216, height: 112 },
};
