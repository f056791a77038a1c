import type { PlanTask } from "../engine/plan";
import { matchGreedy, similarity } from "./similarity";

export type TaskPair = { a: PlanTask; b: PlanTask; similarity: number; changes: ("description" | "focus" | "priority" | "dependencies")[] };
export type PlanComparison = { matched: TaskPair[]; onlyA: PlanTask[]; onlyB: PlanTask[] };

/**
 * Matches the tasks of two plans: same worker, then the most similar descriptions first (a
 * re-worded task still matches its counterpart). Matched pairs list what differs.
 */
export function comparePlans(a: readonly PlanTask[], b: readonly PlanTask[]): PlanComparison {
  const { pairs, onlyA, onlyB } = matchGreedy(a, b, (x, y) => (x.worker === y.worker ? similarity(x.description, y.description) : undefined), 0);
  const idsOf = (tasks: readonly PlanTask[], ids: readonly string[]) => ids.map((id) => tasks.find((t) => t.id === id)?.worker ?? id).sort().join(",");
  return {
    matched: pairs.map(({ a: i, b: j, score }) => {
      const x = a[i] as PlanTask;
      const y = b[j] as PlanTask;
      const changes: TaskPair["changes"] = [];
      if (x.description !== y.description) changes.push("description");
      if (x.focus !== y.focus) changes.push("focus");
      if (x.priority !== y.priority) changes.push("priority");
      // Dependencies compared by the workers they point at: ids differ between plans.
      if (idsOf(a, x.dependsOn) !== idsOf(b, y.dependsOn)) changes.push("dependencies");
      return { a: x, b: y, similarity: score, changes };
    }),
    onlyA: onlyA.map((i) => a[i] as PlanTask),
    onlyB: onlyB.map((j) => b[j] as PlanTask),
  };
}
