import { ForemanError } from "./errors";
import { CUSTOM_WORKER, type Plan } from "./plan";
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
  const locked = [...lockedTaskIssues(state, validation.ok ? validation.plan : undefined), ...newIdIssues(state, tasks)];
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

/**
 * Ids a person gives new tasks: a readable name that also works in URLs, node ids ("task:ID") and
 * edge ids ("task:A->task:B") — letters, digits, "-", "_" and ".", at most 64 characters. Ids the
 * orchestrator chose are kept as they are.
 */
export const TASK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A readable id for a new task of `worker`: the worker's name, numbered from 2 when taken ("key-facts-2"). */
export function newTaskId(worker: string, tasks: readonly { id: string }[]): string {
  const base = (worker === CUSTOM_WORKER ? "custom" : worker).toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, 60) || "task";
  const taken = new Set(tasks.map((t) => t.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** New tasks' ids must follow TASK_ID_PATTERN; the reason names the task and suggests an id. */
function newIdIssues(state: RunState, tasks: unknown): PlanIssue[] {
  if (!Array.isArray(tasks)) return [];
  const known = new Set(state.plan?.tasks.map((t) => t.id));
  return tasks.flatMap((task: unknown) => {
    if (typeof task !== "object" || task === null) return [];
    const { id, worker } = task as { id?: unknown; worker?: unknown };
    if (typeof id !== "string" || id === "" || id.length > 64 || known.has(id) || TASK_ID_PATTERN.test(id)) return []; // length: the schema says so
    const suggestion = newTaskId(typeof worker === "string" ? worker : "task", tasks.filter((t): t is { id: string } => typeof (t as { id?: unknown })?.id === "string"));
    return [{ message: `task id "${id}": use letters, digits, "-", "_" or "." (no spaces, at most 64), e.g. "${suggestion}"`, taskIds: [id] }];
  });
}
