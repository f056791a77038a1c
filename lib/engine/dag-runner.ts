import type { PlanTask } from "./plan";
import { compareReady, dependentsOf, remainingPathLengths } from "./schedule";
import type { WorkerOutput } from "./worker-output";

export type TaskOutcome =
  | { status: "succeeded" | "partial"; output: WorkerOutput }
  | { status: "failed"; output?: WorkerOutput; reason: string }
  | { status: "skipped"; reason: string };

/**
 * Event-driven DAG execution: a task starts the moment its last dependency ends (no levels),
 * up to `concurrency` at once. `finished` holds outcomes from before (resume, re-run): those
 * tasks are not run again. On abort no new task starts; running ones settle through their own
 * signal handling, and tasks never started are reported through `onNotStarted`.
 * `moreTasks` (the plan as extensions grow it) is read after each task ends, before its
 * dependents are released: tasks it names that the DAG does not have yet join it, and start as
 * soon as their dependencies have ended — not after the tasks already running.
 */
export async function runDag(options: {
  tasks: readonly PlanTask[];
  concurrency: number;
  signal: AbortSignal;
  finished?: ReadonlyMap<string, TaskOutcome>;
  runTask: (task: PlanTask, dependencies: ReadonlyMap<string, TaskOutcome>) => Promise<TaskOutcome>;
  onNotStarted: (task: PlanTask) => Promise<void> | void;
  moreTasks?: () => readonly PlanTask[];
}): Promise<Map<string, TaskOutcome>> {
  const { signal } = options;
  const tasks = [...options.tasks];
  const outcomes = new Map<string, TaskOutcome>(options.finished ?? []);
  const dependents = dependentsOf(tasks);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const order = () => compareReady(remainingPathLengths(tasks), new Map(tasks.map((t, i) => [t.id, i])));
  let compare = order();
  const waitingOn = new Map<string, number>();
  const ready: PlanTask[] = [];
  let running = 0;

  const enqueue = (task: PlanTask) => {
    if (outcomes.has(task.id)) return;
    const open = new Set(task.dependsOn.filter((d) => !outcomes.has(d))).size;
    waitingOn.set(task.id, open);
    if (open === 0) insertSorted(ready, task, compare);
  };
  tasks.forEach(enqueue);

  /** Adds the tasks an extension put in the plan; the ready queue is re-ordered for the new critical paths. */
  const adopt = () => {
    const fresh = (options.moreTasks?.() ?? []).filter((t) => !byId.has(t.id));
    if (fresh.length === 0) return;
    for (const task of fresh) {
      tasks.push(task);
      byId.set(task.id, task);
      dependents.set(task.id, []);
    }
    for (const task of fresh) for (const dep of new Set(task.dependsOn)) dependents.get(dep)?.push(task.id);
    compare = order();
    ready.sort(compare);
    fresh.forEach(enqueue);
  };

  let settleAll!: () => void;
  let failAll!: (error: unknown) => void;
  const allDone = new Promise<void>((resolve, reject) => {
    settleAll = resolve;
    failAll = reject;
  });

  // runTask settles every task failure itself; a rejection means the run cannot go on (e.g. its
  // events cannot be stored). Start nothing more, let running tasks settle, then reject.
  let failure: { error: unknown } | undefined;
  const crash = (error: unknown) => {
    running--;
    failure ??= { error };
    pump();
  };

  const finish = (task: PlanTask, outcome: TaskOutcome) => {
    outcomes.set(task.id, outcome);
    running--;
    for (const id of dependents.get(task.id) ?? []) {
      const left = (waitingOn.get(id) ?? 0) - 1;
      waitingOn.set(id, left);
      const dependent = byId.get(id);
      if (left === 0 && dependent && !outcomes.has(id)) insertSorted(ready, dependent, compare);
    }
    adopt();
    pump();
  };

  const pump = () => {
    if (failure) {
      if (running === 0) failAll(failure.error);
      return;
    }
    while (!signal.aborted && running < options.concurrency && ready.length > 0) {
      const task = ready.shift() as PlanTask;
      running++;
      options.runTask(task, dependencyOutcomes(task, outcomes)).then((o) => finish(task, o), crash);
    }
    if (running === 0 && (signal.aborted || ready.length === 0)) settleAll();
  };

  pump();
  await allDone;
  if (signal.aborted) {
    for (const task of tasks) if (!outcomes.has(task.id)) await options.onNotStarted(task);
  }
  return outcomes;
}

function dependencyOutcomes(task: PlanTask, outcomes: ReadonlyMap<string, TaskOutcome>): Map<string, TaskOutcome> {
  const deps = new Map<string, TaskOutcome>();
  for (const id of task.dependsOn) {
    const outcome = outcomes.get(id);
    if (outcome) deps.set(id, outcome);
  }
  return deps;
}

function insertSorted(list: PlanTask[], task: PlanTask, compare: (a: PlanTask, b: PlanTask) => number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid] as PlanTask, task) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, task);
}
