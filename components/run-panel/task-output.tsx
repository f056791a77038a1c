"use client";

import type { TaskState } from "@/lib/engine/run-state";
import { Markdown } from "@/components/ui/markdown";

/** The final result once there is one; until then the text the current attempt is streaming. */
export function TaskOutput({ task }: { task: TaskState }) {
  if (task.output) return <Markdown source={task.output.result || "_The worker returned no text._"} />;
  if (task.streamed) {
    return (
      <div aria-live="off">
        <p className="mb-1 text-xs text-status-running dark:text-status-running-dark">Streaming…</p>
        <Markdown source={task.streamed} />
      </div>
    );
  }
  const waiting = task.status === "pending" ? "Waiting to start." : task.status === "running" || task.status === "retrying" ? "Working…" : "No output.";
  return <p className="text-xs text-slate-500 dark:text-slate-400">{waiting}</p>;
}
