import { findWorker } from "../engine/catalogue";
import { FINAL_RUN_STATUSES, type RunState, type TaskState } from "../engine/run-state";
import { totalTokens } from "../engine/usage";
import { elapsedBetween } from "./elapsed";
import { waitLabel } from "./wait-label";
import {
  edgeId,
  ORCHESTRATOR_NODE_ID,
  SYNTHESIS_NODE_ID,
  taskNodeId,
  type EdgeState,
  type GraphEdge,
  type GraphNode,
  type NodeStatus,
  type OrchestratorGraphNode,
  type RunGraph,
  type SynthesisGraphNode,
  type TaskGraphNode,
} from "./graph-types";

export type ToGraphOptions = {
  /** Epoch ms standing in for "now" for steps still in progress. */
  now: number;
};

const ORIGIN = { x: 0, y: 0 };

/**
 * DESIGN.md §4: orchestrator → tasks → synthesis. Positions are left at the origin; `layoutGraph`
 * places them from the structure alone, so status changes never move a node.
 */
export function toGraph(state: RunState, options: ToGraphOptions): RunGraph {
  const runEnd = FINAL_RUN_STATUSES.has(state.status) ? state.endedAt : undefined;
  const orchestrator = orchestratorNode(state, options.now, runEnd);
  if (!state.plan) return { nodes: [orchestrator], edges: [] };

  const tasks = state.taskOrder.flatMap((id) => state.tasks[id] ?? []);
  const metered = isMetered(state);
  const taskNodes = tasks.map((t) => taskNode(t, options.now, runEnd, metered));
  const synthesis = synthesisNode(state, options.now, runEnd);
  const nodes: GraphNode[] = [orchestrator, ...taskNodes, synthesis];
  const statusOf = new Map(nodes.map((n) => [n.id, n.data.status]));
  const edge = (source: string, target: string): GraphEdge => ({
    id: edgeId(source, target),
    source,
    target,
    state: edgeState(statusOf.get(source) ?? "pending", statusOf.get(target) ?? "pending"),
  });

  const edges: GraphEdge[] = [];
  const hasDependents = new Set<string>();
  for (const t of tasks) {
    const deps = t.task.dependsOn.filter((d) => d !== t.task.id && state.tasks[d] !== undefined);
    if (deps.length === 0) edges.push(edge(ORCHESTRATOR_NODE_ID, taskNodeId(t.task.id)));
    for (const dep of deps) {
      edges.push(edge(taskNodeId(dep), taskNodeId(t.task.id)));
      hasDependents.add(dep);
    }
  }
  for (const t of tasks) {
    if (!hasDependents.has(t.task.id)) edges.push(edge(taskNodeId(t.task.id), SYNTHESIS_NODE_ID));
  }
  // A direct answer has no workers: the orchestrator hands straight to the report.
  if (tasks.length === 0) edges.push(edge(ORCHESTRATOR_NODE_ID, SYNTHESIS_NODE_ID));
  return { nodes, edges };
}

const DEAD: ReadonlySet<NodeStatus> = new Set(["failed", "canceled", "skipped"]);

/** How an edge looks follows its target first: work flowing into it now, or never. */
export function edgeState(source: NodeStatus, target: NodeStatus): EdgeState {
  if (target === "running" || target === "retrying") return "live";
  if (DEAD.has(target) || DEAD.has(source)) return "dead";
  if (source === "succeeded" || source === "partial") return "done";
  return "idle";
}

/** The offline engine makes no model calls: token and cost figures would only ever read 0. */
export function isMetered(state: RunState): boolean {
  return state.backend !== undefined && state.backend !== "offline";
}

function orchestratorNode(state: RunState, now: number, runEnd: string | undefined): OrchestratorGraphNode {
  return {
    id: ORCHESTRATOR_NODE_ID,
    type: "orchestrator",
    position: ORIGIN,
    data: {
      kind: "orchestrator",
      label: "Orchestrator",
      status: orchestratorStatus(state),
      elapsedMs: elapsedBetween({ start: state.startedAt, end: state.planEndedAt ?? runEnd, now }),
      tokens: isMetered(state) ? totalTokens(state.planUsage) : null,
      ...(state.backend ? { backend: state.backend } : {}),
      ...(state.plan ? { mode: state.plan.mode } : {}),
      taskCount: state.taskOrder.length,
      repaired: state.planRepaired,
      ...waitData(state.plan ? undefined : state.callWait, now),
    },
  };
}

export function orchestratorStatus(state: RunState): NodeStatus {
  if (state.plan) return "succeeded";
  switch (state.status) {
    case "pending":
      return "pending";
    case "failed":
      return "failed";
    case "canceled":
      return "skipped";
    default:
      return "running";
  }
}

function taskNode(t: TaskState, now: number, runEnd: string | undefined, metered: boolean): TaskGraphNode {
  const { task } = t;
  return {
    id: taskNodeId(task.id),
    type: "task",
    position: ORIGIN,
    data: {
      kind: "task",
      label: task.id,
      taskId: task.id,
      worker: task.worker,
      workerTitle: findWorker(task.worker)?.title ?? task.worker,
      priority: task.priority,
      description: task.description,
      status: t.status,
      // A task waiting again (its run queued after a restart) stopped counting when its attempt ended.
      elapsedMs: elapsedBetween({ start: t.startedAt, end: t.endedAt ?? (t.status === "pending" ? t.attempts.at(-1)?.endedAt : undefined) ?? runEnd, now }),
      tokens: metered ? totalTokens(t.usage) : null,
      attempt: t.attempts.at(-1)?.attempt ?? 0,
      findingCount: t.output?.findings.length ?? 0,
      ...waitData(t.wait, now),
    },
  };
}

function synthesisNode(state: RunState, now: number, runEnd: string | undefined): SynthesisGraphNode {
  return {
    id: SYNTHESIS_NODE_ID,
    type: "synthesis",
    position: ORIGIN,
    data: {
      kind: "synthesis",
      label: "Synthesis",
      status: synthesisStatus(state),
      elapsedMs: elapsedBetween({ start: state.synthesisStartedAt, end: state.synthesisEndedAt ?? runEnd, now }),
      tokens: isMetered(state) ? totalTokens(state.synthesisUsage) : null,
      findingCount: state.report?.findings.length ?? 0,
      gapCount: state.report?.gaps.length ?? 0,
      ...waitData(state.plan && state.status === "synthesizing" ? state.callWait : undefined, now),
      stale: isStale(state),
    },
  };
}

/** A re-run is under way (tasks reset after the report was written) and the synthesis has not restarted yet. */
export function isStale(state: RunState): boolean {
  // Only a re-run has tasks running while a report exists: the first round has none yet.
  return state.status === "running" && state.report !== undefined;
}

export function synthesisStatus(state: RunState): NodeStatus {
  if (state.report) return state.report.incomplete ? "partial" : "succeeded";
  if (state.status === "synthesizing") return "running";
  if (state.status === "failed") return state.synthesisStartedAt ? "failed" : "skipped";
  if (state.status === "canceled") return "skipped";
  return "pending";
}

function waitData(wait: Parameters<typeof waitLabel>[0], now: number): { wait?: { label: string; short: string } } {
  const text = waitLabel(wait, now);
  return text ? { wait: text } : {};
}
