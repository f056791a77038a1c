import "server-only";
import { assertNever, type RunEvent } from "../engine/events";
import type { RunState, TaskState } from "../engine/run-state";

/** The Run row's columns as they follow from the run's state (a projection of the event log). */
export function runRowFromState(state: RunState) {
  return {
    status: state.status,
    taskCount: state.taskOrder.length,
    inputTokens: state.usage.inputTokens,
    outputTokens: state.usage.outputTokens,
    cacheCreationTokens: state.usage.cacheCreationInputTokens,
    cacheReadTokens: state.usage.cacheReadInputTokens,
    costUsd: state.usage.costUsd,
    reportJson: state.report ? JSON.stringify(state.report) : null,
    errorJson: state.error ? JSON.stringify(state.error) : null,
    startedAt: state.startedAt ? new Date(state.startedAt) : null,
    endedAt: state.endedAt ? new Date(state.endedAt) : null,
    lastSeq: state.lastSeq,
  };
}

export function taskRowFromState(task: TaskState) {
  return {
    worker: task.task.worker,
    description: task.task.description,
    focus: task.task.focus,
    dependsOnJson: JSON.stringify(task.task.dependsOn),
    priority: task.task.priority,
    status: task.status,
    attempts: task.attempts.length,
    outputJson: task.output ? JSON.stringify(task.output) : null,
    errorJson: task.error ? JSON.stringify(task.error) : task.skipReason ? JSON.stringify({ code: "skipped", message: task.skipReason }) : null,
    inputTokens: task.usage.inputTokens + task.usage.cacheCreationInputTokens + task.usage.cacheReadInputTokens,
    outputTokens: task.usage.outputTokens,
    costUsd: task.usage.costUsd,
    startedAt: task.startedAt ? new Date(task.startedAt) : null,
    endedAt: task.endedAt ? new Date(task.endedAt) : null,
  };
}

export function isDelta(event: RunEvent): boolean {
  return event.type === "plan-delta" || event.type === "task-delta" || event.type === "synthesis-delta";
}

/** Events after which the Task rows are exactly the state's tasks (rows of removed tasks go). */
export function replacesTasks(event: RunEvent): boolean {
  return event.type === "plan-end" || event.type === "plan-edit" || event.type === "plan-replan";
}

/** Task ids whose row an event changes (events that replace the plan rewrite all rows instead). */
export function tasksTouchedBy(event: RunEvent): string[] {
  switch (event.type) {
    case "task-start":
    case "task-retry":
    case "task-end":
    case "task-error":
    case "task-skip":
      return [event.taskId];
    case "model-wait":
      return []; // a wait changes no stored column: it lives in the log and the live view
    case "task-reset":
      return event.taskIds;
    case "plan-extend":
      return event.tasks.map((t) => t.id);
    case "run-start":
    case "plan-delta":
    case "plan-end":
    case "task-delta":
    case "synthesis-start":
    case "synthesis-delta":
    case "synthesis-end":
    case "run-end":
    case "run-error":
    case "run-cancel":
    case "run-resume":
    case "run-queued":
    case "plan-edit":
    case "plan-approve":
    case "plan-replan":
    case "plan-extend-refused":
    case "plan-review":
      return [];
    default:
      return assertNever(event);
  }
}

