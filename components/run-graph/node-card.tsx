"use client";

import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import type { NodeStatus } from "@/lib/graph";
import { TASK_STATUS_META } from "@/components/ui/status-meta";
import { useGraphEdit } from "./graph-edit-context";
import { useNodeSelection } from "./node-selection-context";

type Props = {
  nodeId: string;
  status: NodeStatus;
  /** Full names and summary, shown on hover (labels on the card may be cut). */
  tooltip: string;
  handles: "source" | "target" | "both";
  children: ReactNode;
};

/**
 * The frame every node shares: a fixed-size button (Enter/Space/click open the side panel),
 * coloured border and tint by status, full names in the tooltip, and handles for the edges
 * (hidden, except on task nodes while the plan is being edited).
 */
export function NodeCard({ nodeId, status, tooltip, handles, children }: Props) {
  const { selectedId, select } = useNodeSelection();
  const meta = TASK_STATUS_META[status];
  const selected = selectedId === nodeId;
  const { editing, nodeIssues } = useGraphEdit();
  // Only dependencies between tasks can be drawn: a task's handles become visible and connectable.
  const connectable = editing && nodeId.startsWith("task:");
  const handleClass = connectable ? "!h-3 !w-3 !border-2 !border-white !bg-amber-500 dark:!border-slate-900" : "opacity-0";
  const issues = nodeIssues.get(nodeId) ?? [];
  return (
    <>
      {handles !== "source" && <Handle type="target" position={Position.Left} isConnectable={connectable} className={handleClass} />}
      <button
        type="button"
        data-node-button={nodeId}
        onClick={() => select(nodeId)}
        aria-pressed={selected}
        aria-controls="node-panel"
        // No aria-label: the name is the card's own text (name, worker, summary, status, time),
        // so what is spoken is what is seen (WCAG 2.5.3).
        title={tooltip}
        aria-describedby={issues.length > 0 ? `${nodeId}-issues` : undefined}
        className={`flex h-full w-full flex-col gap-0.5 overflow-hidden rounded-lg border-2 px-3 py-1.5 text-left shadow-sm transition-shadow focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand dark:focus-visible:outline-brand-dark ${
          issues.length > 0 ? "border-red-600 dark:border-red-400" : meta.border
        } ${meta.soft} ${selected ? "ring-4 ring-brand/40 dark:ring-brand-dark/50" : "hover:shadow-md"}`}
      >
        {children}
      </button>
      {issues.length > 0 && (
        <span
          id={`${nodeId}-issues`}
          data-node-issue={nodeId}
          title={issues.join("\n")}
          className="absolute left-0 top-full mt-1 w-full truncate rounded bg-red-600 px-1.5 py-0.5 text-[11px] font-medium text-white dark:bg-red-500"
        >
          {issues[0]}
        </span>
      )}
      {handles !== "target" && <Handle type="source" position={Position.Right} isConnectable={connectable} className={handleClass} />}
    </>
  );
}
