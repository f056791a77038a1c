import { ForemanError } from "./errors";
import type { Plan } from "./plan";
import type { RunState } from "./run-state";
import { validatePlan, type PlanIssue, type PlanValidation } from "./validate-plan";
import { DEFAULT_LIMITS } from "./run-engine";

/**
 * Checks a person's replacement for the tasks of a plan awaiting approval: the same validator
 * as the orchestrator's plans (cycles, unknown workers, the cap…), plus tasks that already ran
 * (before an extension paused the run) must stay exactly as they were. `tasks` is unvalidated
 * input (API body, editor); the result locates every fault on its task or edge.
 */
export function checkPlanEdit(state: RunState, tasks: unknown): PlanValidation {
  if (state.status !== "awaiting-approval" || !state.plan) {
    throw new ForemanError("invalid_input", `Only a plan awaiting approval can be edited; this run is ${state.status}.`);
  }
  const candidate: unknown = { analysis: state.plan.analysis, mode: "orchestrate", tasks };
  const validation = validatePlan(candidate, { maxTasks: (state.limits ?? DEFAULT_LIMITS).maxTasks });
  const locked = lockedTaskIssues(state, validation.ok ? validation.plan : undefined);
  if (locked.length === 0) return validation;
  const issues = [...(validation.ok ? [] : validation.issues), ...locked];
  return { ok: false, errors: issues.map((i) => i.message), issues };
}

/** Tasks that started already are history: an edit may neither drop nor change them. */
function lockedTaskIssues(state: RunState, plan: Plan | undefined): PlanIssue[] {
  if (!plan) return [];
  const issues: PlanIssue[] = [];
  for (const id of state.taskOrder) {
    const before = state.tasks[id];
    if (!before || before.status === "pending") continue;
    const after = plan.tasks.find((t) => t.id === id);
    if (!after) issues.push({ message: `task "${id}" already ran and cannot be removed`, taskIds: [id] });
    else if (JSON.stringify(after) !== JSON.stringify(before.task)) issues.push({ message: `task "${id}" already ran and cannot be changed`, taskIds: [id] });
  }
  return issues;
}
