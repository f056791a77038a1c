"use client";

import type { Node, NodeProps } from "@xyflow/react";
import type { SynthesisNodeData } from "@/lib/graph";
import { NodeCard } from "./node-card";
import { NodeMetrics } from "./node-metrics";
import { NodeStatusLine } from "./node-status-line";

export type SynthesisFlowNode = Node<SynthesisNodeData, "synthesis">;

function reportSummary(data: SynthesisNodeData): string {
  if (data.stale) return "Runs again after the re-run tasks";
  if (data.status !== "succeeded") return "Combines every task into the report";
  const findings = `${data.findingCount} finding${data.findingCount === 1 ? "" : "s"}`;
  return data.gapCount > 0 ? `${findings}, ${data.gapCount} missing` : findings;
}

export function SynthesisNode({ id, data }: NodeProps<SynthesisFlowNode>) {
  return (
    <NodeCard nodeId={id} status={data.status} tooltip={`Synthesis — ${reportSummary(data)}`} handles="target">
      <span className="flex items-center justify-between gap-2">
        <span className="text-sm font-semibold text-slate-900 dark:text-slate-50">Synthesis</span>
        {data.stale && (
          <span className="rounded bg-amber-100 px-1.5 text-[11px] font-semibold text-amber-900 dark:bg-amber-900/60 dark:text-amber-100" data-testid="stale-mark">
            Out of date
          </span>
        )}
      </span>
      <span className="truncate text-xs text-slate-600 dark:text-slate-300">{reportSummary(data)}</span>
      <NodeStatusLine status={data.status} {...(data.wait ? { wait: data.wait } : {})} />
      <NodeMetrics elapsedMs={data.elapsedMs} tokens={data.tokens} />
    </NodeCard>
  );
}
