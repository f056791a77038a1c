import "server-only";
import type { RunEvent } from "../engine/events";
import { eventBus, type EventBus } from "./event-bus";
import { processSingleton } from "./global-singleton";
import { activeRuns } from "./run-registry";
import { listEvents } from "./run-queries";

/** How often watched runs executing elsewhere are read from the log (SQLite has no NOTIFY). */
const POLL_MS = 250;

export type LogPoller = {
  /** One turn: reads each watched, not-local run's log past what was relayed and publishes it. A turn asked for while one is running is skipped. */
  poll(): Promise<void>;
};

/**
 * Live events across processes on SQLite (two `npm start` on one database): for each run someone
 * in this process is watching (a subscriber on `bus`) but another process executes (`isLocal`
 * false), reads the log past what was relayed (`readLog(runId, afterSeq)`, ascending by seq) and
 * publishes it on the bus. Without it a stream here would replay the log once and then hear
 * nothing of the other process's run (its Cancel never showed up). The first read of a run starts
 * at the log's beginning: the SSE stream drops what it already sent, by seq, so nothing between
 * its replay and this read is lost. A run nobody watches any more is forgotten and not read.
 */
export function createLogPoller(deps: { bus: EventBus; isLocal: (runId: string) => boolean; readLog: (runId: string, afterSeq: number) => Promise<RunEvent[]> }): LogPoller {
  const relayed = new Map<string, number>(); // run → last seq published here by the poller
  let polling = false;
  return {
    async poll() {
      if (polling) return; // a slow database: skip a turn rather than pile reads up
      polling = true;
      try {
        const watched = new Set(deps.bus.watchedRuns());
        for (const runId of relayed.keys()) if (!watched.has(runId)) relayed.delete(runId);
        for (const runId of watched) {
          // This process's own runs reach the bus from its event writer.
          if (deps.isLocal(runId)) continue;
          const events = await deps.readLog(runId, relayed.get(runId) ?? 0);
          for (const event of events) deps.bus.publish(event);
          const last = events.at(-1);
          if (last) relayed.set(runId, last.seq);
        }
      } catch (error) {
        console.error("[foreman] log poller:", error instanceof Error ? error.message : error);
      } finally {
        polling = false;
      }
    },
  };
}

/** Starts this process's log poller (once), every POLL_MS. */
export function startLogPoller(): void {
  processSingleton("log-poller", () => {
    const poller = createLogPoller({ bus: eventBus(), isLocal: (runId) => activeRuns().has(runId), readLog: (runId, after) => listEvents(runId, after) });
    const timer = setInterval(() => void poller.poll(), POLL_MS);
    timer.unref();
    return timer;
  });
}
