import type { APIRequestContext } from "@playwright/test";
import type { RunEvent } from "../../../lib/engine/events";
import { reduceRun } from "../../../lib/engine/reduce-run";
import type { RunState, TaskStatus } from "../../../lib/engine/run-state";
import { followRun } from "../../../scripts/sse-client";

/** The labels the UI shows for task statuses (components/ui/status-meta.ts), written out on purpose. */
export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  pending: "Pending",
  running: "Running",
  retrying: "Retrying",
  succeeded: "Succeeded",
  partial: "Partial",
  failed: "Failed",
  canceled: "Canceled",
  skipped: "Skipped",
};

export const RUN_STATUS_LABEL: Record<RunState["status"], string> = {
  pending: "Queued",
  planning: "Planning",
  "awaiting-approval": "Awaiting approval",
  running: "Running",
  synthesizing: "Synthesising",
  succeeded: "Succeeded",
  partial: "Partial",
  failed: "Failed",
  canceled: "Canceled",
};

/** Splits an SSE body into its frames' data payloads (comments, `retry:` and the `end` frame are skipped). */
export function parseSseEvents(body: string): RunEvent[] {
  const events: RunEvent[] = [];
  for (const frame of body.split("\n\n")) {
    const lines = frame.split("\n");
    if (lines.some((l) => l.startsWith("event: ") && l !== "event: message")) continue;
    const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6));
    if (data.length === 0) continue;
    events.push(JSON.parse(data.join("\n")) as RunEvent);
  }
  return events;
}

/**
 * The stored event log of a finished run, read the way any client reads it: `GET
 * /api/runs/<id>/events?after=0` (the server ends the stream after the run's final event).
 */
export async function readEventLog(request: APIRequestContext, runId: string): Promise<RunEvent[]> {
  const res = await request.get(`/api/runs/${runId}/events?after=0`, { timeout: 20_000 });
  if (!res.ok()) throw new Error(`GET events of ${runId}: ${res.status()}`);
  const body = await res.text();
  if (!body.includes("event: end")) throw new Error(`the event stream of ${runId} did not end: is the run still going?`);
  return parseSseEvents(body);
}

export type LogSummary = {
  state: RunState;
  /** Task ids in plan order. */
  taskIds: string[];
  /** Final status label per task id, as the graph should show it. */
  taskLabels: Record<string, string>;
  runLabel: string;
};

/** What the UI must show for a run, derived from its log by the shared reducer. */
export function summarise(events: readonly RunEvent[], runId: string): LogSummary {
  const state = reduceRun(events, runId);
  const taskIds = [...state.taskOrder];
  const taskLabels = Object.fromEntries(
    taskIds.map((id) => {
      const task = state.tasks[id];
      if (!task) throw new Error(`task ${id} is in the order but not in the state`);
      return [id, TASK_STATUS_LABEL[task.status]];
    }),
  );
  return { state, taskIds, taskLabels, runLabel: RUN_STATUS_LABEL[state.status] };
}

/** A log is well formed: seq 1..n with no gap or repeat, one run-start first, one final event last. */
export function expectWellFormedLog(events: readonly RunEvent[]): void {
  const seqs = events.map((e) => e.seq);
  const expected = events.map((_, i) => i + 1);
  if (JSON.stringify(seqs) !== JSON.stringify(expected)) throw new Error(`the log's seq is not 1..${events.length}: ${seqs.join(",")}`);
  if (events[0]?.type !== "run-start") throw new Error(`the log starts with ${events[0]?.type}`);
  const last = events.at(-1)?.type;
  if (last !== "run-end" && last !== "run-error" && last !== "run-cancel") throw new Error(`the log ends with ${last}`);
}

/**
 * Follows a run's live event stream (from the start) until `done` holds for the events seen so far —
 * for runs whose stream does not end yet (a plan awaiting approval), where readEventLog would wait
 * for the end. Rejects after `timeoutMs`.
 */
export async function waitForEvents(baseUrl: string, runId: string, done: (events: RunEvent[]) => boolean, timeoutMs = 30_000): Promise<RunEvent[]> {
  const controller = new AbortController();
  const seen: RunEvent[] = [];
  const timer = setTimeout(() => controller.abort(new Error(`run ${runId}: the awaited events did not arrive within ${timeoutMs} ms`)), timeoutMs);
  try {
    await followRun({ url: baseUrl, runId, signal: controller.signal, onEvent: ({ event }) => (seen.push(event), done(seen) && controller.abort()) });
  } finally {
    clearTimeout(timer);
  }
  if (!done(seen)) throw new Error(`run ${runId}: the awaited events did not arrive within ${timeoutMs} ms`);
  return seen;
}
