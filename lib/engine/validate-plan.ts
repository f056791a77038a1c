import { findWorker, CATALOGUE } from "./catalogue";
import { CUSTOM_WORKER, planSchema, type Plan, type PlanTask } from "./plan";

/**
 * One fault of a plan, located where a person can see it: on tasks (by id) and/or on dependency
 * edges (`from` is the dependency, `to` the task that depends on it).
 */
export type PlanIssue = { message: string; taskIds?: string[]; edges?: { from: string; to: string }[] };

export type PlanValidation = { ok: true; plan: Plan } | { ok: false; errors: string[]; issues: PlanIssue[] };

/**
 * Parses and checks a plan as a model returned it. Every fault gets its own precise message,
 * because these messages are sent back to the model in the repair round and shown to the user.
 */
export function validatePlan(raw: unknown, options: { maxTasks: number }): PlanValidation {
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    const tasks = isRecord(raw) && Array.isArray(raw.tasks) ? raw.tasks : [];
    const issues = parsed.error.issues.map((issue): PlanIssue => {
      const message = `plan.${issue.path.join(".") || "(root)"}: ${issue.message}`;
      const index = issue.path[0] === "tasks" ? issue.path[1] : undefined;
      const task: unknown = typeof index === "number" ? tasks[index] : undefined;
      return isRecord(task) && typeof task.id === "string" ? { message, taskIds: [task.id] } : { message };
    });
    return { ok: false, errors: issues.map((i) => i.message), issues };
  }
  const plan = parsed.data;
  const issues = plan.mode === "direct" ? checkDirect(plan) : checkTasks(plan.tasks, options.maxTasks);
  return issues.length === 0 ? { ok: true, plan } : { ok: false, errors: issues.map((i) => i.message), issues };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function checkDirect(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (!plan.directAnswer?.trim()) issues.push({ message: 'mode "direct" needs a non-empty directAnswer' });
  if (plan.tasks.length > 0) issues.push({ message: `mode "direct" must have no tasks; found ${plan.tasks.length}` });
  return issues;
}

function checkTasks(tasks: readonly PlanTask[], maxTasks: number): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (tasks.length === 0) issues.push({ message: 'mode "orchestrate" needs at least one task' });
  if (tasks.length > maxTasks) issues.push({ message: `too many tasks: ${tasks.length} planned, the cap is ${maxTasks}` });

  const ids = new Set<string>();
  for (const task of tasks) {
    if (ids.has(task.id)) issues.push({ message: `duplicate task id "${task.id}"`, taskIds: [task.id] });
    ids.add(task.id);
  }

  const known = CATALOGUE.map((w) => w.name).join(", ");
  for (const task of tasks) {
    if (!findWorker(task.worker)) issues.push({ message: `task "${task.id}": unknown worker "${task.worker}" (known: ${known}, ${CUSTOM_WORKER})`, taskIds: [task.id] });
    for (const dep of task.dependsOn) {
      const edges = [{ from: dep, to: task.id }];
      if (dep === task.id) issues.push({ message: `task "${task.id}" depends on itself`, taskIds: [task.id], edges });
      else if (!ids.has(dep)) issues.push({ message: `task "${task.id}" depends on unknown task "${dep}"`, taskIds: [task.id], edges });
    }
  }

  const custom = tasks.filter((t) => t.worker === CUSTOM_WORKER).map((t) => t.id);
  if (custom.length > 1) {
    issues.push({ message: `at most one custom task is allowed; found ${custom.length}: ${custom.map((id) => `"${id}"`).join(", ")}`, taskIds: custom });
  }

  const cycle = findCycle(tasks);
  if (cycle) {
    // In "a → b → a", b depends on a and a on b: each arrow is an edge from dependency to dependent.
    const edges = cycle.slice(1).map((to, i) => ({ from: cycle[i] as string, to }));
    issues.push({ message: `dependency cycle: ${cycle.join(" → ")}`, taskIds: cycle.slice(1), edges });
  }
  return issues;
}

/** Returns the task ids of one cycle, first id repeated at the end (a → b → a), or undefined. */
export function findCycle(tasks: readonly PlanTask[]): string[] | undefined {
  const deps = new Map(tasks.map((t) => [t.id, t.dependsOn.filter((d) => d !== t.id)]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];

  const visit = (id: string): string[] | undefined => {
    const mark = state.get(id);
    if (mark === "done") return undefined;
    if (mark === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      if (!deps.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, "done");
    return undefined;
  };

  for (const task of tasks) {
    const cycle = visit(task.id);
    if (cycle) return cycle.reverse();
  }
  return undefined;
}
