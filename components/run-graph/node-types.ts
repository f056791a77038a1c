import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import { OrchestratorNode, type OrchestratorFlowNode } from "./orchestrator-node";
import { RoutedEdge } from "./routed-edge";
import { SynthesisNode, type SynthesisFlowNode } from "./synthesis-node";
import { TaskNode, type TaskFlowNode } from "./task-node";

export type RunFlowNode = OrchestratorFlowNode | TaskFlowNode | SynthesisFlowNode;

/** Defined once at module level: a new object per render would remount every node. */
export const NODE_TYPES = {
  orchestrator: OrchestratorNode,
  task: TaskNode,
  synthesis: SynthesisNode,
} satisfies NodeTypes;

export const EDGE_TYPES = { routed: RoutedEdge } satisfies EdgeTypes;
