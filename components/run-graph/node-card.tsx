"use client";

import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import type { NodeStatus } from "@/lib/graph";
import { TASK_STATUS_META } from "@/components/ui/status-meta";
import { useNodeSelection } from "./node-selection-context";

type Props = {
  nodeId: string;
  status: NodeStatus;
  /** Spoken name of the node, e.g. "Task extract-facts". */
  ariaName: string;
  handles: "source" | "target" | "both";
  children: ReactNode;
};

/**
 * The frame every node shares: a fixed-size button (Enter/Space/click open the side panel),
 * coloured border and tint by status, and hidden handles for the edges.
 */
export function NodeCard({ nodeId, status, ariaName, handles, children }: Props) {
  const { selectedId, select } = useNodeSelection();
  const meta = TASK_STATUS_META[status];
  const selected = selectedId === nodeId;
  return (
    <>
      {handles !== "source" && <Handle type="target" position={Position.Left} isConnectable={false} className="opacity-0" />}
      <button
        type="button"
        data-node-button={nodeId}
        onClick={() => select(nodeId)}
        aria-pressed={selected}
        aria-controls="node-panel"
        aria-label={`${ariaName}: ${meta.label}`}
        className={`flex h-full w-full flex-col gap-0.5 overflow-hidden rounded-lg border-2 px-3 py-2 text-left shadow-sm transition-shadow focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand dark:focus-visible:outline-brand-dark ${meta.border} ${meta.soft} ${
          selected ? "ring-4 ring-brand/40 dark:ring-brand-dark/50" : "hover:shadow-md"
        }`}
      >
        {children}
      </button>
      {handles !== "target" && <Handle type="source" position={Position.Right} isConnectable={false} className="opacity-0" />}
    </>
  );
}
