import type { PlanTask, Priority } from "./plan";

/**
 * The part of the scheduler that decides what runs next, kept apart from the part that runs it
 * (dag-runner.ts). Pure and synchronous so it can be tested and benchmarked on its own.
 */
const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

/** Number of tasks on the longest path from each task to the end of the DAG (itself included). */
export function remainingPathLengths(tasks: readonly PlanTask[]): Map<string, number> {
  const dependents = dependentsOf(tasks);
  const memo = new Map<string, number>();
  const length = (id: string): number => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    let longest = 0;
    for (const next of dependents.get(id) ?? []) longest = Math.max(longest, length(next));
    memo.set(id, longest + 1);
    return longest + 1;
  };
  for (const task of tasks) length(task.id);
  return memo;
}

export function dependentsOf(tasks: readonly PlanTask[]): Map<string, string[]> {
  const map = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
  for (const task of tasks) for (const dep of new Set(task.dependsOn)) map.get(dep)?.push(task.id);
  return map;
}

/** Orders ready tasks: higher priority first, then the longer remaining critical path, then plan order. */
export function compareReady(pathLength: ReadonlyMap<string, number>, planIndex: ReadonlyMap<string, number>) {
  return (a: PlanTask, b: PlanTask): number =>
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (pathLength.get(b.id) ?? 0) - (pathLength.get(a.id) ?? 0) ||
    (planIndex.get(a.id) ?? 0) - (planIndex.get(b.id) ?? 0);
}

/** A task and everything that depends on it, directly or not, in plan order. */
export function withDependents(tasks: readonly PlanTask[], taskId: string): string[] {
  const dependents = dependentsOf(tasks);
  const reached = new Set<string>([taskId]);
  const queue = [taskId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const next of dependents.get(id) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return tasks.filter((t) => reached.has(t.id)).map((t) => t.id);
}
