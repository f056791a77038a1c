"use client";

import type { Node, NodeProps } from "@xyflow/react";
import type { OrchestratorNodeData } from "@/lib/graph";
import { NodeCard } from "./node-card";
import { NodeMetrics } from "./node-metrics";
import { NodeStatusLine } from "./node-status-line";

export type OrchestratorFlowNode = Node<OrchestratorNodeData, "orchestrator">;

function planSummary(data: OrchestratorNodeData): string {
  if (!data.mode) return data.status === "running" ? "Planning…" : "No plan";
  if (data.mode === "direct") return "Direct answer";
  return `${data.taskCount} task${data.taskCount === 1 ? "" : "s"} planned${data.repaired ? " (repaired)" : ""}`;
}

export function OrchestratorNode({ id, data }: NodeProps<OrchestratorFlowNode>) {
  return (
    <NodeCard nodeId={id} status={data.status} tooltip={`Orchestrator — ${planSummary(data)}`} handles="source">
      <span className="flex items-center justify-between gap-2">
        <span className="text-sm font-semibold text-slate-900 dark:text-slate-50">Orchestrator</span>
        {data.backend === "offline" && (
          <span className="rounded bg-amber-100 px-1.5 text-[11px] font-semibold text-amber-900 dark:bg-amber-900/60 dark:text-amber-200">Offline</span>
        )}
      </span>
      <span className="truncate text-xs text-slate-600 dark:text-slate-300">{planSummary(data)}</span>
      <NodeStatusLine status={data.status} {...(data.wait ? { wait: data.wait } : {})} />
      <NodeMetrics elapsedMs={data.elapsedMs} tokens={data.tokens} />
    </NodeCard>
  );
}
