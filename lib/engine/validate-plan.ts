import { findWorker, CATALOGUE } from "./catalogue";
import { CUSTOM_WORKER, planSchema, type Plan, type PlanTask } from "./plan";

export type PlanValidation = { ok: true; plan: Plan } | { ok: false; errors: string[] };

/**
 * Parses and checks a plan as a model returned it. Every fault gets its own precise message,
 * because these messages are sent back to the model in the repair round and shown to the user.
 */
export function validatePlan(raw: unknown, options: { maxTasks: number }): PlanValidation {
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `plan.${issue.path.join(".") || "(root)"}: ${issue.message}`),
    };
  }
  const plan = parsed.data;
  const errors = plan.mode === "direct" ? checkDirect(plan) : checkTasks(plan.tasks, options.maxTasks);
  return errors.length === 0 ? { ok: true, plan } : { ok: false, errors };
}

function checkDirect(plan: Plan): string[] {
  const errors: string[] = [];
  if (!plan.directAnswer?.trim()) errors.push('mode "direct" needs a non-empty directAnswer');
  if (plan.tasks.length > 0) errors.push(`mode "direct" must have no tasks; found ${plan.tasks.length}`);
  return errors;
}

function checkTasks(tasks: readonly PlanTask[], maxTasks: number): string[] {
  const errors: string[] = [];
  if (tasks.length === 0) errors.push('mode "orchestrate" needs at least one task');
  if (tasks.length > maxTasks) errors.push(`too many tasks: ${tasks.length} planned, the cap is ${maxTasks}`);

  const ids = new Set<string>();
  for (const task of tasks) {
    if (ids.has(task.id)) errors.push(`duplicate task id "${task.id}"`);
    ids.add(task.id);
  }

  const known = CATALOGUE.map((w) => w.name).join(", ");
  for (const task of tasks) {
    if (!findWorker(task.worker)) errors.push(`task "${task.id}": unknown worker "${task.worker}" (known: ${known}, ${CUSTOM_WORKER})`);
    for (const dep of task.dependsOn) {
      if (dep === task.id) errors.push(`task "${task.id}" depends on itself`);
      else if (!ids.has(dep)) errors.push(`task "${task.id}" depends on unknown task "${dep}"`);
    }
  }

  const custom = tasks.filter((t) => t.worker === CUSTOM_WORKER).map((t) => `"${t.id}"`);
  if (custom.length > 1) errors.push(`at most one custom task is allowed; found ${custom.length}: ${custom.join(", ")}`);

  const cycle = findCycle(tasks);
  if (cycle) errors.push(`dependency cycle: ${cycle.join(" → ")}`);
  return errors;
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
