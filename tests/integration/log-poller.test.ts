import { describe, expect, it, vi } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { readSse } from "../support/read-sse";

/**
 * The SQLite log poller (lib/server/log-poller.ts): a run executed by another process on the same
 * database reaches this process's subscribers from the log, each event once and in order, and
 * the poller stops reading a run once nobody here watches it (its stream ended, its client left).
 * Turns are driven by hand (no timer), and the other process's log is an array the test appends to.
 */
const logs = new Map<string, RunEvent[]>();
const reads: { runId: string; after: number }[] = [];
async function readLog(runId: string, after: number): Promise<RunEvent[]> {
  reads.push({ runId, after });
  return (logs.get(runId) ?? []).filter((e) => e.seq > after);
}
// The SSE stream replays from the same log the poller reads.
vi.mock("@/lib/server/run-queries", () => ({ listEvents: (runId: string, after = 0) => readLog(runId, after) }));

const { createEventBus, eventBus } = await import("@/lib/server/event-bus");
const { createLogPoller } = await import("@/lib/server/log-poller");
const { runEventStream } = await import("@/lib/server/sse-stream");

let runCounter = 0;
function otherProcessRun() {
  const runId = `00000000-0000-4000-8000-${String(++runCounter).padStart(12, "0")}`;
  logs.set(runId, []);
  const append = (count: number, final = false) => {
    const log = logs.get(runId)!;
    for (let i = 0; i < count; i++) {
      const seq = log.length + 1;
      const at = new Date().toISOString();
      log.push(final && i === count - 1 ? { runId, seq, at, type: "run-end", status: "succeeded" } : { runId, seq, at, type: "task-delta", taskId: "t1", attempt: 1, text: `chunk ${seq}` });
    }
  };
  return { runId, append, log: () => logs.get(runId)! };
}
const readsOf = (runId: string) => reads.filter((r) => r.runId === runId).length;

describe("log poller", () => {
  it("publishes each new event of a watched run once and in order, across turns", async () => {
    const bus = createEventBus();
    const poller = createLogPoller({ bus, isLocal: () => false, readLog });
    const run = otherProcessRun();
    const received: number[] = [];
    bus.subscribe(run.runId, (e) => received.push(e.seq));

    run.append(3);
    await poller.poll();
    expect(received).toEqual([1, 2, 3]);
    await poller.poll(); // nothing new: nothing published again
    expect(received).toEqual([1, 2, 3]);
    run.append(4);
    await poller.poll();
    run.append(1);
    await poller.poll();
    expect(received).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(reads.filter((r) => r.runId === run.runId).map((r) => r.after)).toEqual([0, 3, 3, 7]); // each read starts past the last relayed seq
  });

  it("reads neither unwatched runs nor runs this process executes, and forgets a run once unwatched", async () => {
    const bus = createEventBus();
    const local = otherProcessRun();
    const poller = createLogPoller({ bus, isLocal: (id) => id === local.runId, readLog });
    const unwatched = otherProcessRun();
    const watched = otherProcessRun();
    for (const run of [local, unwatched, watched]) run.append(2);
    bus.subscribe(local.runId, () => undefined);
    const stop = bus.subscribe(watched.runId, () => undefined);
    await poller.poll();
    expect([readsOf(local.runId), readsOf(unwatched.runId), readsOf(watched.runId)]).toEqual([0, 0, 1]);

    stop();
    await poller.poll();
    expect(readsOf(watched.runId)).toBe(1);
    // Watched again: read from the beginning (the new stream drops what it has, by seq).
    const again: number[] = [];
    bus.subscribe(watched.runId, (e) => again.push(e.seq));
    await poller.poll();
    expect(again).toEqual([1, 2]);
  });

  it("skips a turn asked for while a read is still going", async () => {
    const bus = createEventBus();
    let release = () => undefined as void;
    const slow = vi.fn(() => new Promise<RunEvent[]>((resolve) => (release = () => resolve([]))));
    const poller = createLogPoller({ bus, isLocal: () => false, readLog: slow });
    bus.subscribe(otherProcessRun().runId, () => undefined);
    const first = poller.poll();
    await poller.poll();
    expect(slow).toHaveBeenCalledTimes(1);
    release();
    await first;
    const next = poller.poll(); // the read done, the next turn reads again
    release();
    await next;
    expect(slow).toHaveBeenCalledTimes(2);
  });

  it("an SSE stream fed by the poller gets exactly the log, ends at the run's end, and is no longer read after it", async () => {
    const poller = createLogPoller({ bus: eventBus(), isLocal: () => false, readLog });
    const run = otherProcessRun();
    run.append(3);
    const stream = runEventStream({ runId: run.runId, after: 0, signal: new AbortController().signal, runFinished: false });
    const reading = readSse(stream);
    // The stream subscribes at once; the poller's first read overlaps its replay (events 1–3 twice).
    await vi.waitFor(() => expect(eventBus().hasSubscribers(run.runId)).toBe(true));
    await poller.poll();
    run.append(2);
    await poller.poll();
    run.append(2, true);
    await poller.poll();
    const { events, ended } = await reading;
    expect(ended).toBe(true);
    expect(events).toEqual(run.log());
    expect(eventBus().hasSubscribers(run.runId)).toBe(false);
    const before = readsOf(run.runId);
    await poller.poll();
    expect(readsOf(run.runId)).toBe(before);
  });

  it("stops reading a run whose client left mid-stream", async () => {
    const poller = createLogPoller({ bus: eventBus(), isLocal: () => false, readLog });
    const run = otherProcessRun();
    run.append(2);
    const client = new AbortController();
    const stream = runEventStream({ runId: run.runId, after: 0, signal: client.signal, runFinished: false });
    const partial = await readSse(stream, 2); // reads two events, then cancels the body, as a leaving browser does
    client.abort();
    expect(partial.events).toEqual(run.log());
    expect(eventBus().hasSubscribers(run.runId)).toBe(false);
    run.append(2);
    const before = readsOf(run.runId);
    await poller.poll();
    expect(readsOf(run.runId)).toBe(before);
  });
});
