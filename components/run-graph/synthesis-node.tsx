"use client";

import type { Node, NodeProps } from "@xyflow/react";
import type { SynthesisNodeData } from "@/lib/graph";
import { NodeCard } from "./node-card";
import { NodeMetrics } from "./node-metrics";
import { NodeStatusLine } from "./node-status-line";

export type SynthesisFlowNode = Node<SynthesisNodeData, "synthesis">;

function reportSummary(data: SynthesisNodeData): string {
  if (data.status !== "succeeded") return "Combines every task into the report";
  const findings = `${data.findingCount} finding${data.findingCount === 1 ? "" : "s"}`;
  return data.gapCount > 0 ? `${findings}, ${data.gapCount} missing` : findings;
}

export function SynthesisNode({ id, data }: NodeProps<SynthesisFlowNode>) {
  return (
    <NodeCard nodeId={id} status={data.status} ariaName="Synthesis" handles="target">
      <span className="text-sm font-semibold text-slate-900 dark:text-slate-50">Synthesis</span>
      <span className="truncate text-xs text-slate-600 dark:text-slate-300">{reportSummary(data)}</span>
      <NodeStatusLine status={data.status} {...(data.wait ? { wait: data.wait } : {})} />
      <NodeMetrics elapsedMs={data.elapsedMs} tokens={data.tokens} />
    </NodeCard>
  );
}
