import { runDag, type TaskOutcome } from "./dag-runner";
import { createWarmupGate } from "./cache-warmup";
import type { RunContext } from "./engine-context";
import { createExtender, type ReportExtension } from "./extension";
import type { Plan, PlanTask } from "./plan";
import { abortError } from "./retry";
import type { RunState, TaskState } from "./run-state";
import { runTask, type TaskRunContext } from "./task-runner";
import type { Usage } from "./usage";

export type TaskPhase = { plan: Plan; outcomes: Map<string, TaskOutcome>; paused: boolean; extensions: ReportExtension[] };

/**
 * Runs the plan's tasks. Tasks an extension adds join the running DAG and start as soon as their
 * dependencies have ended; tasks waiting for a person's approval never run here: the run pauses
 * (`plan-review`) once nothing else can run.
 */
export async function taskPhase(ctx: RunContext, initial: Plan, state: RunState, spent: () => Usage): Promise<TaskPhase> {
  let outcomes = finishedOutcomes(state);
  const held = new Set(state.unapproved);
  const taskUsage = Object.values(state.tasks).flatMap((t) => (t.output ? [t.output.usage] : []));
  const extender = createExtender({
    plan: initial,
    roundsUsed: state.extensions.filter((e) => e.outcome === "added" || e.cause === "declined" || e.cause === "invalid").length,
    earlier: state.extensions.filter((e) => e.outcome === "added").map(({ taskIds, reason, requestedBy, request }) => ({ taskIds, reason, requestedBy, request })),
    review: state.review,
    limits: ctx.limits,
    port: ctx.port,
    sink: ctx.sink,
    signal: ctx.signal,
    document: ctx.document,
    request: ctx.request,
    spent,
    taskUsage: () => taskUsage,
  });
  const planned = extender.plan();
  const runnable = planned.tasks.filter((t) => !held.has(t.id));
  // Workers cache the document prefix only when several calls send it (see call-work.ts); with a
  // prompt cache the first task of the pass starts alone so only it pays the cache write.
  const sharedPrefix = planned.tasks.length >= 2;
  const toRun = runnable.filter((t) => !outcomes.has(t.id)).length;
  const gate = ctx.port.promptCache && sharedPrefix && toRun >= 2 ? createWarmupGate({ sink: ctx.sink, sleep: ctx.sleep, now: ctx.now, signal: ctx.signal }) : undefined;
  const taskCtx: TaskRunContext = { ...ctx, taskTimeoutMs: ctx.limits.taskTimeoutMs, plan: planned.tasks, sharedPrefix };
  const start = async (task: PlanTask, deps: ReadonlyMap<string, TaskOutcome>): Promise<TaskOutcome> => {
    const attempt = nextAttempt(state.tasks[task.id]);
    // The plan as extended so far: a worker sees the tasks added while this pass runs.
    const live: TaskRunContext = { ...taskCtx, plan: extender.plan().tasks };
    if (!gate || !(await gate.enter(task.id))) return runTask(live, task, deps, attempt);
    try {
      return await runTask({ ...live, onCallStarted: gate.open }, task, deps, attempt);
    } finally {
      gate.open(); // the leader ended without streaming (a failure): nobody waits for it
    }
  };
  const pending = !ctx.signal.aborted && runnable.some((t) => !outcomes.has(t.id));
  if (pending) outcomes = await runDag({
    tasks: runnable,
    concurrency: ctx.limits.concurrency,
    signal: ctx.signal,
    finished: outcomes,
    runTask: async (task, deps) => {
      const outcome = await start(task, deps);
      if (outcome.status === "succeeded" || outcome.status === "partial") {
        taskUsage.push(outcome.output.usage);
        if (outcome.output.followUp) await extender.consider(task.id, outcome.output);
      }
      return outcome;
    },
    // Added tasks start as soon as their dependencies end, unless they wait for approval.
    moreTasks: () => extender.plan().tasks.filter((t) => !held.has(t.id) && !extender.awaiting().includes(t.id)),
    onNotStarted: async (task) => {
      await ctx.sink({ type: "task-skip", taskId: task.id, reason: `Not started: ${abortError(ctx.signal).message}` });
    },
  });
  extender.awaiting().forEach((id) => held.add(id));
  const plan = extender.plan();
  const paused = !ctx.signal.aborted && held.size > 0;
  if (paused) {
    await ctx.sink({ type: "plan-review", reason: `${held.size === 1 ? "1 task added to the plan waits" : `${held.size} tasks added to the plan wait`} for approval before they run.` });
  }
  return { plan, outcomes, paused, extensions: extender.added() };
}

/** Outcomes of tasks that already ended in the log; they are reused, never called again. */
function finishedOutcomes(state: RunState): Map<string, TaskOutcome> {
  const finished = new Map<string, TaskOutcome>();
  for (const [id, t] of Object.entries(state.tasks)) {
    if ((t.status === "succeeded" || t.status === "partial") && t.output) finished.set(id, { status: t.status, output: t.output });
    else if (t.status === "failed" || t.status === "canceled") {
      finished.set(id, { status: "failed", reason: t.error?.message ?? t.status, ...(t.output ? { output: t.output } : {}) });
    }
    else if (t.status === "skipped") finished.set(id, { status: "skipped", reason: t.skipReason ?? "skipped" });
  }
  return finished;
}

function nextAttempt(task: TaskState | undefined): number {
  return (task?.attempts.at(-1)?.attempt ?? 0) + 1;
}

