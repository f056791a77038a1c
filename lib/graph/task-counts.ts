import type { RunState, TaskStatus } from "../engine/run-state";

/** Tasks by outcome: `done` = succeeded or partial; the rest are counted apart, never as done. */
export type TaskCounts = { total: number; done: number; failed: number; canceled: number; skipped: number; active: number; pending: number };

export function taskCounts(state: RunState): TaskCounts {
  const counts: TaskCounts = { total: 0, done: 0, failed: 0, canceled: 0, skipped: 0, active: 0, pending: 0 };
  for (const id of state.taskOrder) {
    const task = state.tasks[id];
    if (!task) continue;
    counts.total++;
    counts[bucket(task.status)]++;
  }
  return counts;
}

function bucket(status: TaskStatus): Exclude<keyof TaskCounts, "total"> {
  switch (status) {
    case "succeeded":
    case "partial":
      return "done";
    case "failed":
      return "failed";
    case "canceled":
      return "canceled";
    case "skipped":
      return "skipped";
    case "running":
    case "retrying":
      return "active";
    case "pending":
      return "pending";
  }
}

/** "3 done · 1 failed · 1 skipped of 5": zero counts other than done are left out. */
export function describeCounts(c: TaskCounts): string {
  const parts = [`${c.done} done`];
  if (c.active > 0) parts.push(`${c.active} running`);
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.canceled > 0) parts.push(`${c.canceled} canceled`);
  if (c.skipped > 0) parts.push(`${c.skipped} skipped`);
  return `${parts.join(" · ")} of ${c.total}`;
}
