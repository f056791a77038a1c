import type { PlanTask } from "../engine/plan";
import { comparePlans } from "./match-plans";

/**
 * One line saying how a re-planned plan differs from the one before it, for the person who asked
 * for the re-plan: tasks added and removed (named by id and worker), and what changed in tasks
 * that match (matched as in compare: same worker, most similar description). Works for any
 * orchestrator, since it compares plans, not what the orchestrator says it did.
 * Example: "Added contract-risk-2 (contract-risk); removed summarizer; changed contract-risk: focus, priority."
 */
export function describePlanChanges(before: readonly PlanTask[], after: readonly PlanTask[]): string {
  const { matched, onlyA, onlyB } = comparePlans(before, after);
  const named = (t: PlanTask) => (t.id === t.worker ? t.id : `${t.id} (${t.worker})`);
  const parts: string[] = [];
  if (onlyB.length > 0) parts.push(`added ${onlyB.map(named).join(", ")}`);
  if (onlyA.length > 0) parts.push(`removed ${onlyA.map(named).join(", ")}`);
  const changed = matched.filter((p) => p.changes.length > 0);
  if (changed.length > 0) parts.push(`changed ${changed.map((p) => `${p.b.id}: ${p.changes.join(", ")}`).join("; ")}`);
  if (parts.length === 0) return "The new plan has the same tasks as the one before.";
  const line = parts.join("; ");
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}
