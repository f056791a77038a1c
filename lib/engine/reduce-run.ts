import { assertNever, type RunEvent } from "./events";
import type { PlanTask } from "./plan";
import type { AttemptState, RunState, TaskState } from "./run-state";
import { addUsage, ZERO_USAGE } from "./usage";

export function initialRunState(runId: string): RunState {
  return {
    runId,
    status: "pending",
    request: "",
    unpricedModels: [],
    planText: "",
    planRepaired: false,
    planUsage: ZERO_USAGE,
    review: false,
    planEdits: [],
    extensions: [],
    unapproved: [],
    tasks: {},
    taskOrder: [],
    synthesisText: "",
    synthesisUsage: ZERO_USAGE,
    usage: ZERO_USAGE,
    lastSeq: 0,
    resumeCount: 0,
  };
}

/** DESIGN.md §3: the one pure function that turns the event log into what server and UI show. */
export function reduceRun(events: readonly RunEvent[], runId = events[0]?.runId ?? ""): RunState {
  return events.reduce(applyEvent, initialRunState(runId));
}

/** Applies one event immutably (React can compare by reference). Ignores events already applied. */
export function applyEvent(state: RunState, event: RunEvent): RunState {
  if (event.seq <= state.lastSeq) return state;
  // A queued run leaves the queue with whatever it does next: its status is what it was before.
  const dequeued = state.queuedFrom !== undefined && event.type !== "run-queued" ? { ...state, status: state.queuedFrom, queuedFrom: undefined } : state;
  return applyPayload({ ...dequeued, lastSeq: event.seq, lastEventAt: event.at }, event);
}

function applyPayload(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case "run-start":
      return {
        ...state,
        status: "planning",
        request: event.request,
        document: event.document,
        backend: event.backend,
        models: event.models,
        unpricedModels: event.unpricedModels ?? [],
        limits: event.limits,
        review: event.review ?? false,
        startedAt: state.startedAt ?? event.at,
        round: { startedAt: event.at, usageAtStart: state.usage },
      };
    case "plan-delta":
      return { ...state, callWait: undefined, planText: state.planText + event.text };
    case "plan-end": {
      const tasks: Record<string, TaskState> = {};
      for (const task of event.plan.tasks) tasks[task.id] = pendingTask(task);
      const direct = event.plan.mode === "direct";
      return {
        ...state,
        callWait: undefined,
        status: direct ? "synthesizing" : state.review ? "awaiting-approval" : "running",
        plan: event.plan,
        proposedPlan: event.plan,
        revision: undefined,
        planRepaired: event.repaired,
        planReasoning: event.reasoning,
        planEndedAt: event.at,
        planUsage: addUsage(state.planUsage, event.usage),
        tasks,
        taskOrder: event.plan.tasks.map((t) => t.id),
        usage: addUsage(state.usage, event.usage),
      };
    }
    case "plan-edit":
      return editPlan(state, event);
    case "plan-approve":
      return { ...state, status: "running", unapproved: [] };
    case "plan-replan":
      return {
        ...state,
        status: "planning",
        planText: "",
        plan: undefined,
        tasks: {},
        taskOrder: [],
        unapproved: [],
        ...(state.plan ? { revision: { previous: state.plan, note: event.note } } : {}),
      };
    case "plan-extend": {
      const tasks = { ...state.tasks };
      for (const task of event.tasks) tasks[task.id] = pendingTask(task);
      const ids = event.tasks.map((t) => t.id);
      return {
        ...state,
        ...(state.plan ? { plan: { ...state.plan, tasks: [...state.plan.tasks, ...event.tasks] } } : {}),
        tasks,
        taskOrder: [...state.taskOrder, ...ids],
        unapproved: event.awaitingApproval ? [...state.unapproved, ...ids] : state.unapproved,
        extensions: [...state.extensions, { at: event.at, requestedBy: event.requestedBy, request: event.request, outcome: "added", reason: event.reason, taskIds: ids }],
        planUsage: addUsage(state.planUsage, event.usage),
        usage: addUsage(state.usage, event.usage),
      };
    }
    case "plan-extend-refused":
      return {
        ...state,
        extensions: [
          ...state.extensions,
          { at: event.at, requestedBy: event.requestedBy, request: event.request, outcome: "refused", reason: event.reason, taskIds: [], cause: event.cause },
        ],
        planUsage: addUsage(state.planUsage, event.usage),
        usage: addUsage(state.usage, event.usage),
      };
    case "plan-review":
      return { ...state, status: "awaiting-approval" };
    case "task-start":
      return updateTask(state, event.taskId, (t) => ({
        ...t,
        status: "running",
        streamed: "",
        wait: undefined,
        startedAt: t.startedAt ?? event.at,
        endedAt: undefined,
        attempts: [...t.attempts, { attempt: event.attempt, startedAt: event.at, ...(event.inputs ? { inputs: event.inputs } : {}) }],
      }));
    case "task-delta":
      return updateTask(state, event.taskId, (t) => ({ ...t, wait: undefined, streamed: t.streamed + event.text }));
    case "task-retry": {
      const usage = event.usage ?? ZERO_USAGE;
      const withTask = updateTask(state, event.taskId, (t) => ({
        ...t,
        status: "retrying",
        wait: undefined,
        usage: addUsage(t.usage, usage),
        attempts: endAttempt(t.attempts, event.attempt, { endedAt: event.at, outcome: "retried", error: event.error, ...(event.usage ? { usage: event.usage } : {}) }),
      }));
      return { ...withTask, usage: addUsage(withTask.usage, usage) };
    }
    case "task-end": {
      const status = event.output.status === "success" ? "succeeded" : event.output.status;
      const withTask = updateTask(state, event.taskId, (t) => ({
        ...t,
        status,
        output: event.output,
        error: undefined,
        wait: undefined,
        endedAt: event.at,
        usage: addUsage(t.usage, event.output.usage),
        attempts: endAttempt(t.attempts, event.attempt, { endedAt: event.at, outcome: status, usage: event.output.usage }),
      }));
      return { ...withTask, usage: addUsage(withTask.usage, event.output.usage) };
    }
    case "task-error": {
      const stopped = event.error.code === "aborted" || event.error.code === "budget_exceeded";
      const withTask = updateTask(state, event.taskId, (t) => ({
        ...t,
        status: stopped ? "canceled" : "failed",
        error: event.error,
        wait: undefined,
        endedAt: event.at,
        usage: addUsage(t.usage, event.usage),
        attempts: endAttempt(t.attempts, event.attempt, { endedAt: event.at, outcome: "failed", error: event.error, usage: event.usage }),
      }));
      return { ...withTask, usage: addUsage(withTask.usage, event.usage) };
    }
    case "task-skip":
      return updateTask(state, event.taskId, (t) => ({ ...t, status: "skipped", wait: undefined, skipReason: event.reason, endedAt: event.at }));
    case "model-wait":
      if (event.taskId === undefined) return { ...state, callWait: event.wait ?? undefined };
      return updateTask(state, event.taskId, (t) => ({ ...t, wait: event.wait ?? undefined }));
    case "synthesis-start":
      // A re-run rewrites the report: the old one is not shown as current meanwhile.
      return {
        ...state,
        status: "synthesizing",
        synthesisText: "",
        report: undefined,
        synthesisStartedAt: event.at,
        synthesisEndedAt: undefined,
        synthesisInputs: event.inputs,
      };
    case "synthesis-delta":
      return { ...state, callWait: undefined, synthesisText: state.synthesisText + event.text };
    case "synthesis-end":
      return {
        ...state,
        callWait: undefined,
        report: event.report,
        synthesisEndedAt: event.at,
        synthesisUsage: addUsage(state.synthesisUsage, event.usage),
        usage: addUsage(state.usage, event.usage),
      };
    case "run-end":
      return { ...state, callWait: undefined, status: event.status, endedAt: event.at };
    case "run-error": {
      const paid = event.usage ? { usage: addUsage(state.usage, event.usage) } : {};
      return { ...state, ...paid, callWait: undefined, status: "failed", error: event.error, endedAt: event.at };
    }
    case "run-cancel":
      return { ...state, callWait: undefined, status: "canceled", cancelReason: event.reason, endedAt: event.at };
    case "run-queued": {
      // Attempts in flight when the executor stopped have ended; their tasks wait with the run.
      const closed = closeInterruptedAttempts(state, event.at);
      const tasks: Record<string, TaskState> = {};
      for (const [id, task] of Object.entries(closed.tasks)) tasks[id] = task.status === "running" ? { ...task, status: "pending", wait: undefined } : task;
      return { ...closed, tasks, callWait: undefined, status: "pending", queuedFrom: state.queuedFrom ?? state.status };
    }
    case "run-resume":
      return closeInterruptedAttempts({ ...state, resumeCount: state.resumeCount + 1 }, event.at);
    case "task-reset":
      return resetTasks(state, event);
    default:
      return assertNever(event);
  }
}

function pendingTask(task: PlanTask): TaskState {
  return { task, status: "pending", attempts: [], streamed: "", usage: ZERO_USAGE, earlierOutputs: [] };
}

/**
 * Replaces the plan awaiting approval. Tasks that already ran keep their state (the edit cannot
 * change them: see plan-edits.ts); every other task starts afresh as pending.
 */
function editPlan(state: RunState, event: Extract<RunEvent, { type: "plan-edit" }>): RunState {
  const tasks: Record<string, TaskState> = {};
  for (const task of event.plan.tasks) {
    const existing = state.tasks[task.id];
    tasks[task.id] = existing && existing.status !== "pending" ? existing : pendingTask(task);
  }
  const ids = event.plan.tasks.map((t) => t.id);
  const known = new Set(state.taskOrder);
  return {
    ...state,
    plan: event.plan,
    tasks,
    taskOrder: ids,
    // New tasks added while extensions wait for approval wait with them.
    unapproved: state.unapproved.length > 0 ? ids.filter((id) => state.unapproved.includes(id) || !known.has(id)) : [],
    planEdits: [...state.planEdits, { at: event.at, by: event.by }],
  };
}

/** Re-opens tasks of a finished run: attempts stay (numbering continues), outputs move to history. */
function resetTasks(state: RunState, event: Extract<RunEvent, { type: "task-reset" }>): RunState {
  let next: RunState = {
    ...state,
    status: "running",
    endedAt: undefined,
    error: undefined,
    cancelReason: undefined,
    round: { startedAt: event.at, usageAtStart: state.usage },
  };
  for (const taskId of event.taskIds) {
    next = updateTask(next, taskId, (t) => ({
      ...t,
      task: event.edited?.taskId === taskId ? { ...t.task, description: event.edited.description } : t.task,
      status: "pending",
      streamed: "",
      output: undefined,
      error: undefined,
      skipReason: undefined,
      startedAt: undefined, // elapsed time counts from the new round; attempts keep the history
      endedAt: undefined,
      earlierOutputs: t.output ? [...t.earlierOutputs, t.output] : t.earlierOutputs,
    }));
  }
  const edited = event.edited;
  if (edited && next.plan) {
    next = { ...next, plan: { ...next.plan, tasks: next.plan.tasks.map((t) => (t.id === edited.taskId ? { ...t, description: edited.description } : t)) } };
  }
  return next;
}

/** Attempts that were under way when the server stopped ended then; the resumed run starts new ones. */
function closeInterruptedAttempts(state: RunState, at: string): RunState {
  const interrupted = { code: "interrupted", message: "The server stopped during this attempt." };
  const tasks: Record<string, TaskState> = {};
  for (const [id, task] of Object.entries(state.tasks)) {
    const open = task.attempts.some((a) => !a.endedAt);
    tasks[id] = open ? { ...task, attempts: task.attempts.map((a) => (a.endedAt ? a : { ...a, endedAt: at, outcome: "failed", error: interrupted })) } : task;
  }
  return { ...state, tasks };
}

function updateTask(state: RunState, taskId: string, update: (task: TaskState) => TaskState): RunState {
  const task = state.tasks[taskId];
  if (!task) return state;
  return { ...state, tasks: { ...state.tasks, [taskId]: update(task) } };
}

function endAttempt(attempts: AttemptState[], attempt: number, end: Omit<AttemptState, "attempt" | "startedAt">): AttemptState[] {
  return attempts.map((a) => (a.attempt === attempt && !a.endedAt ? { ...a, ...end } : a));
}
