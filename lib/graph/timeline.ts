import { assertNever, type EventError, type ModelWait, type RunEvent } from "../engine/events";
import { FINAL_RUN_STATUSES, type RunState, type TaskStatus } from "../engine/run-state";

/** Milliseconds since the run started. */
export type Span = { start: number; end: number };

export type TimelineAttempt = Span & {
  attempt: number;
  /** Still running at `now`. */
  open: boolean;
  outcome: "succeeded" | "partial" | "failed" | "retried" | "running";
  error?: EventError;
};

export type TimelineRow = {
  id: string;
  label: string;
  kind: "orchestrator" | "task" | "synthesis";
  status: TaskStatus;
  /** Plan ready → dependencies finished: waiting for upstream work. */
  blocked?: Span;
  /** Ready → first attempt: waiting for a free slot (the concurrency limit). */
  queued?: Span;
  attempts: TimelineAttempt[];
  /** Rate-limit pauses and backoffs between attempts. */
  waits: (Span & { reason: string })[];
  critical: boolean;
};

export type Timeline = { rows: TimelineRow[]; duration: number; now?: number };

const ms = (iso: string | undefined, origin: number): number | undefined => (iso ? Date.parse(iso) - origin : undefined);

/**
 * The run as spans on one time axis (ms from its start), for the timeline view: per task when it
 * was blocked on dependencies, queued for a slot, each attempt with its outcome and the pause
 * before a retry; the critical path (the chain of tasks that decided when synthesis could start).
 * `now` (epoch ms) closes spans still open while the run goes. Model-call waits (rate limits,
 * overload, the call cap, cache warm-up) come from the `model-wait` events in `events`.
 */
export function toTimeline(state: RunState, now: number, events: readonly RunEvent[] = []): Timeline {
  const origin = state.startedAt ? Date.parse(state.startedAt) : now;
  const running = !FINAL_RUN_STATUSES.has(state.status);
  const end = running ? now - origin : (ms(state.endedAt, origin) ?? now - origin);
  const close = (iso: string | undefined) => ms(iso, origin) ?? end;
  const planReady = ms(state.planEndedAt, origin);

  const rows: TimelineRow[] = [];
  rows.push({
    id: "orchestrator",
    label: "Orchestrator",
    kind: "orchestrator",
    status: state.plan ? "succeeded" : running ? "running" : "failed",
    attempts: [{ attempt: 1, start: 0, end: planReady ?? end, open: planReady === undefined && running, outcome: planReady === undefined ? (running ? "running" : "failed") : "succeeded" }],
    waits: [],
    critical: true,
  });

  const endOf = new Map<string, number>();
  for (const id of state.taskOrder) {
    const t = state.tasks[id];
    if (t?.endedAt) endOf.set(id, close(t.endedAt));
  }
  for (const id of state.taskOrder) {
    const t = state.tasks[id];
    if (!t || planReady === undefined) continue;
    const attempts: TimelineAttempt[] = t.attempts.map((a) => ({
      attempt: a.attempt,
      start: close(a.startedAt),
      end: a.endedAt ? close(a.endedAt) : end,
      open: !a.endedAt,
      outcome: a.outcome ?? "running",
      ...(a.error ? { error: a.error } : {}),
    }));
    const depEnds = t.task.dependsOn.map((d) => endOf.get(d));
    const readyAt = depEnds.length === 0 ? planReady : depEnds.every((e) => e !== undefined) ? Math.max(planReady, ...(depEnds as number[])) : undefined;
    const firstStart = attempts[0]?.start;
    const waits: TimelineRow["waits"] = [];
    for (let i = 1; i < attempts.length; i++) {
      const prev = attempts[i - 1] as TimelineAttempt;
      const next = attempts[i] as TimelineAttempt;
      if (prev.outcome === "retried" && next.start > prev.end) waits.push({ start: prev.end, end: next.start, reason: `backoff after ${prev.error?.code ?? "an error"}` });
    }
    const last = attempts.at(-1);
    if (last && last.outcome === "retried" && running) waits.push({ start: last.end, end, reason: `backoff after ${last.error?.code ?? "an error"}` });
    rows.push({
      id,
      label: id,
      kind: "task",
      status: t.status,
      ...(readyAt !== undefined && readyAt > planReady ? { blocked: { start: planReady, end: readyAt } } : {}),
      ...(readyAt === undefined && depEnds.length > 0 && running ? { blocked: { start: planReady, end } } : {}),
      ...(readyAt !== undefined && (firstStart ?? (t.endedAt ? readyAt : end)) > readyAt ? { queued: { start: readyAt, end: firstStart ?? (t.endedAt ? readyAt : end) } } : {}),
      attempts,
      waits,
      critical: false,
    });
  }

  const synthStart = ms(state.synthesisStartedAt, origin);
  if (state.plan) {
    const synthEnd = ms(state.synthesisEndedAt, origin);
    rows.push({
      id: "synthesis",
      label: "Synthesis",
      kind: "synthesis",
      status: state.report ? "succeeded" : synthStart === undefined ? "pending" : running ? "running" : "failed",
      attempts:
        synthStart === undefined
          ? []
          : [{ attempt: 1, start: synthStart, end: synthEnd ?? end, open: synthEnd === undefined && running, outcome: synthEnd !== undefined ? "succeeded" : running ? "running" : "failed" }],
      waits: [],
      critical: synthStart !== undefined,
    });
  }
  addModelWaits(rows, events, origin, end, synthStart);
  markCriticalPath(state, rows, endOf);
  return { rows, duration: Math.max(end, 1), ...(running ? { now: end } : {}) };
}

/**
 * Walks back from the task that finished last: at each step, the dependency that finished last
 * is the one the task waited for. Those tasks are the run's critical path.
 */
function markCriticalPath(state: RunState, rows: TimelineRow[], endOf: ReadonlyMap<string, number>): void {
  const latest = (ids: readonly string[]) =>
    ids.reduce<string | undefined>((best, id) => ((endOf.get(id) ?? -1) > (best === undefined ? -1 : (endOf.get(best) ?? -1)) ? id : best), undefined);
  let current = latest(state.taskOrder.filter((id) => endOf.has(id)));
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const row = rows.find((r) => r.id === current);
    if (row) row.critical = true;
    current = latest((state.tasks[current]?.task.dependsOn ?? []).filter((d) => endOf.has(d)));
  }
}

const WAIT_REASON: Record<ModelWait["reason"], string> = {
  rate_limit: "rate limit",
  overloaded: "API overloaded",
  call_limit: "model-call cap",
  cache_warmup: "cache warm-up",
};

/**
 * A `model-wait` opens a wait on its task (or on the plan/synthesis call); the next event of the
 * same call (another wait, a delta, the end, an error or a retry) closes it.
 */
function addModelWaits(rows: TimelineRow[], events: readonly RunEvent[], origin: number, end: number, synthStart: number | undefined): void {
  const open = new Map<string, { start: number; reason: string }>();
  const rowFor = (taskId: string | undefined, at: number) => taskId ?? (synthStart !== undefined && at >= synthStart ? "synthesis" : "orchestrator");
  const close = (key: string, at: number) => {
    const wait = open.get(key);
    if (!wait) return;
    open.delete(key);
    rows.find((r) => r.id === key)?.waits.push({ start: wait.start, end: Math.max(wait.start, at), reason: wait.reason });
  };
  for (const e of events) {
    const at = Date.parse(e.at) - origin;
    switch (e.type) {
      case "model-wait": {
        const key = rowFor(e.taskId, at);
        close(key, at);
        if (e.wait) open.set(key, { start: at, reason: WAIT_REASON[e.wait.reason] });
        break;
      }
      case "task-delta":
      case "task-end":
      case "task-error":
      case "task-retry":
        close(e.taskId, at);
        break;
      case "plan-delta":
      case "plan-end":
        close("orchestrator", at);
        break;
      case "synthesis-delta":
      case "synthesis-end":
        close("synthesis", at);
        break;
      case "run-start":
      case "plan-edit":
      case "plan-approve":
      case "plan-replan":
      case "plan-extend":
      case "plan-extend-refused":
      case "plan-review":
      case "task-start":
      case "task-skip":
      case "synthesis-start":
      case "run-end":
      case "run-error":
      case "run-cancel":
      case "run-resume":
      case "run-queued":
      case "task-reset":
        break; // neither opens nor closes a model-call wait
      default:
        assertNever(e);
    }
  }
  for (const key of [...open.keys()]) close(key, end);
}
