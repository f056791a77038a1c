import { z } from "zod";
import { CATALOGUE } from "./catalogue";
import { toErrorInfo, usageOfError } from "./errors";
import type { EventSink, RunEventOf, RunLimits } from "./events";
import type { ModelPort } from "./model-port";
import { planTaskSchema, type Plan, type PlanTask } from "./plan";
import type { Report } from "./report";
import type { Document } from "../documents/document";
import { totalTokens, ZERO_USAGE, type Usage } from "./usage";
import { validatePlan } from "./validate-plan";
import type { WorkerOutput } from "./worker-output";

/** Extension rounds per run when the run's limits do not say (README: FOREMAN_MAX_EXTENSIONS). */
export const DEFAULT_MAX_EXTENSIONS = 2;

/** What the orchestrator answers when asked whether to extend the plan. No tasks = no extension. */
export const extensionDecisionSchema = z.object({
  reason: z.string().min(1),
  tasks: z.array(planTaskSchema),
});

export type ReportExtension = NonNullable<Report["extensions"]>[number];

type Cause = RunEventOf<"plan-extend-refused">["cause"];

export type Extender = {
  /** The plan with every extension so far. */
  plan(): Plan;
  /** Ids added by extensions that wait for a person's approval. */
  awaiting(): readonly string[];
  /** Every extension of the run (earlier ones from the log first), for the report. */
  added(): ReportExtension[];
  /** Considers one finished task's follow-up request; requests are handled one at a time, in order. */
  consider(taskId: string, output: WorkerOutput): Promise<void>;
};

/**
 * Adaptive re-planning: after a task whose worker asked for follow-up, one small orchestrator
 * call decides whether to add tasks. Additions stay within the task cap, the budgets (estimated
 * from what the run's tasks cost so far) and `maxExtensions` consultations; every request ends
 * in a `plan-extend` or a `plan-extend-refused` event that says why.
 */
export function createExtender(options: {
  plan: Plan;
  /** Orchestrator consultations already made (from the log). */
  roundsUsed: number;
  /** Extensions already in the log. */
  earlier: readonly ReportExtension[];
  review: boolean;
  limits: RunLimits;
  port: ModelPort;
  sink: EventSink;
  signal: AbortSignal;
  document: Document;
  request: string;
  /** Spending of the run so far and of its finished tasks, for the budget estimate. */
  spent: () => Usage;
  taskUsage: () => Usage[];
}): Extender {
  let plan = options.plan;
  let rounds = options.roundsUsed;
  const awaiting: string[] = [];
  const added: ReportExtension[] = [...options.earlier];
  let queue: Promise<void> = Promise.resolve();
  const maxRounds = options.limits.maxExtensions ?? DEFAULT_MAX_EXTENSIONS;

  const refuse = async (taskId: string, request: string, cause: Cause, reason: string, usage: Usage = ZERO_USAGE) => {
    await options.sink({ type: "plan-extend-refused", requestedBy: taskId, request, cause, reason, usage });
  };

  const handle = async (taskId: string, output: WorkerOutput): Promise<void> => {
    const request = output.followUp ?? "";
    if (options.signal.aborted) return;
    if (!options.port.extend) return refuse(taskId, request, "unsupported", `The ${options.port.backend} backend cannot extend a plan.`);
    if (rounds >= maxRounds) return refuse(taskId, request, "rounds", `The plan was already extended ${rounds === 1 ? "once" : `${rounds} times`}; the run allows ${maxRounds}.`);
    const room = options.limits.maxTasks - plan.tasks.length;
    if (room <= 0) return refuse(taskId, request, "task-cap", `The plan already has ${plan.tasks.length} tasks, the run's cap.`);
    const overBudget = budgetShortfall(options, 1);
    if (overBudget) return refuse(taskId, request, "budget", overBudget);

    rounds++;
    let decision: unknown;
    let usage: Usage = ZERO_USAGE;
    try {
      ({ decision, usage } = await options.port.extend({
        document: options.document,
        request: options.request,
        plan,
        catalogue: CATALOGUE,
        followUp: { taskId, result: output.result, request },
        maxNewTasks: room,
        signal: options.signal,
      }));
    } catch (error) {
      if (options.signal.aborted) return;
      // A cut or malformed answer was still paid for: its usage counts.
      return refuse(taskId, request, "invalid", `The orchestrator could not be asked: ${toErrorInfo(error).message}`, usageOfError(error));
    }
    const parsed = extensionDecisionSchema.safeParse(decision);
    if (!parsed.success) return refuse(taskId, request, "invalid", `The orchestrator's answer was malformed: ${parsed.error.issues[0]?.message ?? "invalid"}`, usage);
    const { reason, tasks } = parsed.data;
    if (tasks.length === 0) return refuse(taskId, request, "declined", reason, usage);
    if (tasks.length > room) {
      return refuse(taskId, request, "task-cap", `Adding ${tasks.length} ${tasks.length === 1 ? "task" : "tasks"} would exceed the cap of ${options.limits.maxTasks} tasks (the plan has ${plan.tasks.length}).`, usage);
    }
    const invalid = checkAddition(plan, tasks, options.limits.maxTasks);
    if (invalid) return refuse(taskId, request, "invalid", invalid, usage);
    const over = budgetShortfall(options, tasks.length);
    if (over) return refuse(taskId, request, "budget", over, usage);

    await options.sink({ type: "plan-extend", tasks, reason, requestedBy: taskId, request, usage, awaitingApproval: options.review });
    plan = { ...plan, tasks: [...plan.tasks, ...tasks] };
    added.push({ taskIds: tasks.map((t) => t.id), reason, requestedBy: taskId, request });
    if (options.review) awaiting.push(...tasks.map((t) => t.id));
  };

  return {
    plan: () => plan,
    awaiting: () => awaiting,
    added: () => added,
    consider(taskId, output) {
      const next = queue.then(() => handle(taskId, output));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** New tasks must have fresh ids, depend only on tasks of the plan (or each other), and keep the plan valid. */
function checkAddition(plan: Plan, tasks: readonly PlanTask[], maxTasks: number): string | undefined {
  const existing = new Set(plan.tasks.map((t) => t.id));
  const clash = tasks.find((t) => existing.has(t.id));
  if (clash) return `The new task id "${clash.id}" is already in the plan.`;
  const validation = validatePlan({ ...plan, tasks: [...plan.tasks, ...tasks] }, { maxTasks });
  return validation.ok ? undefined : `The extended plan would be invalid: ${validation.errors.join("; ")}`;
}

/**
 * Estimates what `count` more tasks cost (the mean of the run's finished tasks, at least one
 * task's worth of the orchestrator's last call) and says why that would exceed a budget, if so.
 */
function budgetShortfall(options: { limits: RunLimits; spent: () => Usage; taskUsage: () => Usage[] }, count: number): string | undefined {
  const { maxTokens, maxCostUsd } = options.limits;
  if (maxTokens === undefined && maxCostUsd === undefined) return undefined;
  const done = options.taskUsage();
  const meanTokens = done.length > 0 ? done.reduce((sum, u) => sum + totalTokens(u), 0) / done.length : 0;
  const meanCost = done.length > 0 ? done.reduce((sum, u) => sum + u.costUsd, 0) / done.length : 0;
  const spent = options.spent();
  const tokens = totalTokens(spent) + meanTokens * count;
  if (maxTokens !== undefined && tokens > maxTokens) {
    return `${count} more ${count === 1 ? "task" : "tasks"} would take about ${Math.round(meanTokens * count).toLocaleString("en")} tokens; with ${totalTokens(spent).toLocaleString("en")} spent that exceeds the budget of ${maxTokens.toLocaleString("en")}.`;
  }
  const cost = spent.costUsd + meanCost * count;
  if (maxCostUsd !== undefined && cost > maxCostUsd) {
    return `${count} more ${count === 1 ? "task" : "tasks"} would cost about $${(meanCost * count).toFixed(4)}; with $${spent.costUsd.toFixed(4)} spent that exceeds the budget of $${maxCostUsd.toFixed(2)}.`;
  }
  return undefined;
}
