import { describe, expect, it } from "vitest";
import type { RunEventDraft } from "@/lib/engine/events";
import { reduceRun } from "@/lib/engine/reduce-run";
import { describeCounts, taskCounts, toTimeline } from "@/lib/graph";
import { planEnd, planTask, runStart, stampEvents, usage, workerOutput } from "../support/run-events";

const START = Date.parse("2025-01-01T00:00:00.000Z");
const s = (seconds: number) => seconds * 1000;

// a and b start at once; c waits for both; d depends on a but waits for a slot. Events are one second apart.
const drafts: RunEventDraft[] = [
  runStart(), // 0 s
  planEnd([planTask("a"), planTask("b"), planTask("c", ["a", "b"]), planTask("d", ["a"])]), // 1 s
  { type: "task-start", taskId: "a", attempt: 1 }, // 2 s
  { type: "task-start", taskId: "b", attempt: 1 }, // 3 s
  { type: "task-end", taskId: "a", attempt: 1, output: workerOutput() }, // 4 s: c still blocked on b, d ready
  { type: "task-retry", taskId: "b", attempt: 1, error: { code: "rate_limited", message: "429 from the API" }, delayMs: 1000 }, // 5 s
  { type: "task-start", taskId: "b", attempt: 2 }, // 6 s
  { type: "task-start", taskId: "d", attempt: 1 }, // 7 s: d waited 3 s for a slot
  { type: "task-end", taskId: "b", attempt: 2, output: workerOutput() }, // 8 s
  { type: "task-start", taskId: "c", attempt: 1 }, // 9 s
  { type: "task-error", taskId: "d", attempt: 1, error: { code: "model_error", message: "bad" }, usage: usage(0) }, // 10 s
  { type: "task-end", taskId: "c", attempt: 1, output: workerOutput() }, // 11 s
  { type: "synthesis-start" }, // 12 s
  { type: "synthesis-end", report: { narrative: "x", citations: [], findings: [], gaps: [], coverage: [], direct: false }, usage: usage(0) }, // 13 s
  { type: "run-end", status: "partial" }, // 14 s
];

const at = (n: number) => reduceRun(stampEvents(drafts.slice(0, n), { startMs: START }));
const row = (t: ReturnType<typeof toTimeline>, id: string) => {
  const r = t.rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe("toTimeline", () => {
  const done = toTimeline(at(drafts.length), START + s(60));

  it("puts every attempt on the run's time axis with its outcome", () => {
    expect(done.duration).toBe(s(14));
    expect(done.now).toBeUndefined();
    expect(row(done, "b").attempts).toMatchObject([
      { attempt: 1, start: s(3), end: s(5), outcome: "retried", error: { code: "rate_limited" } },
      { attempt: 2, start: s(6), end: s(8), outcome: "succeeded" },
    ]);
    expect(row(done, "d").attempts).toMatchObject([{ start: s(7), end: s(10), outcome: "failed" }]);
    expect(row(done, "orchestrator").attempts).toMatchObject([{ start: 0, end: s(1), outcome: "succeeded" }]);
    expect(row(done, "synthesis").attempts).toMatchObject([{ start: s(12), end: s(13), outcome: "succeeded" }]);
  });

  it("separates waiting for dependencies from waiting for a slot, and the backoff before a retry", () => {
    expect(row(done, "c").blocked).toEqual({ start: s(1), end: s(8) });
    expect(row(done, "c").queued).toEqual({ start: s(8), end: s(9) });
    expect(row(done, "d").blocked).toEqual({ start: s(1), end: s(4) });
    expect(row(done, "d").queued).toEqual({ start: s(4), end: s(7) });
    expect(row(done, "a").blocked).toBeUndefined();
    expect(row(done, "a").queued).toEqual({ start: s(1), end: s(2) });
    expect(row(done, "b").waits).toEqual([{ start: s(5), end: s(6), reason: "backoff after rate_limited" }]);
  });

  it("marks the critical path: the chain that decided when synthesis could start", () => {
    const critical = done.rows.filter((r) => r.critical).map((r) => r.id);
    // d ended at 10 s but c (11 s) finished last; c waited for b (8 s), not a (4 s).
    expect(critical).toEqual(["orchestrator", "b", "c", "synthesis"]);
  });

  it("draws a now line and open bars while the run goes", () => {
    const live = toTimeline(at(7), START + s(6.5)); // b's second attempt started at 6 s
    expect(live.now).toBe(s(6.5));
    expect(live.duration).toBe(s(6.5));
    expect(row(live, "b").attempts.at(-1)).toMatchObject({ start: s(6), end: s(6.5), open: true, outcome: "running" });
    expect(row(live, "c").blocked).toEqual({ start: s(1), end: s(6.5) });
    expect(row(live, "d").queued).toEqual({ start: s(4), end: s(6.5) });
  });
});

describe("model-call waits on the timeline", () => {
  it("shows a rate-limit wait from its model-wait event until the call goes on", () => {
    const waits: RunEventDraft[] = [
      runStart(), // 0 s
      planEnd([planTask("a")]), // 1 s
      { type: "task-start", taskId: "a", attempt: 1 }, // 2 s
      { type: "model-wait", taskId: "a", wait: { reason: "rate_limit" } }, // 3 s
      { type: "model-wait", taskId: "a", wait: null }, // 4 s
      { type: "model-wait", taskId: "a", wait: { reason: "overloaded" } }, // 5 s
      { type: "task-delta", taskId: "a", attempt: 1, text: "x" }, // 6 s
      { type: "task-end", taskId: "a", attempt: 1, output: workerOutput() }, // 7 s
    ];
    const events = stampEvents(waits, { startMs: START });
    const timeline = toTimeline(reduceRun(events), START + s(7), events);
    expect(row(timeline, "a").waits).toEqual([
      { start: s(3), end: s(4), reason: "rate limit" },
      { start: s(5), end: s(6), reason: "API overloaded" },
    ]);
  });
});

describe("taskCounts", () => {
  it("counts failed, canceled and skipped apart from done", () => {
    const state = reduceRun(
      stampEvents([
        runStart(),
        planEnd([planTask("a"), planTask("b"), planTask("c", ["b"]), planTask("d"), planTask("e")]),
        { type: "task-start", taskId: "a", attempt: 1 },
        { type: "task-end", taskId: "a", attempt: 1, output: workerOutput() },
        { type: "task-start", taskId: "b", attempt: 1 },
        { type: "task-error", taskId: "b", attempt: 1, error: { code: "model_error", message: "x" }, usage: usage(0) },
        { type: "task-skip", taskId: "c", reason: "b failed" },
        { type: "task-start", taskId: "d", attempt: 1 },
        { type: "task-end", taskId: "d", attempt: 1, output: workerOutput(0, "partial") },
        { type: "task-start", taskId: "e", attempt: 1 },
        { type: "task-error", taskId: "e", attempt: 1, error: { code: "aborted", message: "canceled" }, usage: usage(0) },
        { type: "run-cancel", reason: "user" },
      ]),
    );
    const counts = taskCounts(state);
    expect(counts).toEqual({ total: 5, done: 2, failed: 1, canceled: 1, skipped: 1, active: 0, pending: 0 });
    expect(describeCounts(counts)).toBe("2 done · 1 failed · 1 canceled · 1 skipped of 5");
  });
});
