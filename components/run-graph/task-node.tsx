"use client";

import type { Node, NodeProps } from "@xyflow/react";
import type { TaskNodeData } from "@/lib/graph";
import { NodeCard } from "./node-card";
import { NodeMetrics } from "./node-metrics";
import { NodeStatusLine } from "./node-status-line";

export type TaskFlowNode = Node<TaskNodeData, "task">;

const PRIORITY_LABEL = { high: "High", medium: "Med", low: "Low" } as const;

/** Task id, worker title, a one-line summary of the task, status and metrics; full text in the tooltip. */
export function TaskNode({ id, data }: NodeProps<TaskFlowNode>) {
  const findings = data.findingCount > 0 ? `${data.findingCount} finding${data.findingCount === 1 ? "" : "s"}` : undefined;
  const tooltip = `${data.taskId} — ${data.workerTitle} (${data.priority} priority)\n${data.description}`;
  return (
    <NodeCard nodeId={id} status={data.status} tooltip={tooltip} handles="both">
      <span className="flex w-full items-center justify-between gap-2">
        <span className="truncate text-sm font-semibold text-slate-900 dark:text-slate-50">{data.taskId}</span>
        <span className="shrink-0 rounded bg-white/80 px-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-700 dark:bg-slate-900/70 dark:text-slate-200">
          {PRIORITY_LABEL[data.priority]}
        </span>
      </span>
      <span className="truncate text-xs font-medium text-slate-700 dark:text-slate-200">{data.workerTitle}</span>
      <span className="truncate text-xs text-slate-600 dark:text-slate-300" data-testid="node-summary">
        {data.description}
      </span>
      <NodeStatusLine status={data.status} {...(data.wait ? { wait: data.wait } : data.attempt > 1 ? { extra: `attempt ${data.attempt}` } : {})} />
      <NodeMetrics elapsedMs={data.elapsedMs} tokens={data.tokens} {...(findings ? { extra: findings } : {})} />
    </NodeCard>
  );
}
