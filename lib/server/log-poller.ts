import "server-only";
import { eventBus } from "./event-bus";
import { processSingleton } from "./global-singleton";
import { activeRuns } from "./run-registry";
import { listEvents } from "./run-queries";

/** How often watched runs executing elsewhere are read from the log (SQLite has no NOTIFY). */
const POLL_MS = 250;

/**
 * Live events across processes on SQLite (two `npm start` on one database): every POLL_MS, for
 * each run someone here is watching but another process executes, reads the log past what was
 * relayed and publishes it on the local bus. Without it a stream on this process would replay
 * the log once and then hear nothing of the other process's run (its Cancel never showed up).
 * The first read of a run starts at the log's beginning: the SSE stream drops what it already
 * sent, by seq, so nothing between its replay and this read is lost.
 */
export function startLogPoller(): void {
  processSingleton("log-poller", () => {
    const relayed = new Map<string, number>(); // run → last seq published here by the poller
    let polling = false;
    const poll = async () => {
      if (polling) return; // a slow database: skip a turn rather than pile reads up
      polling = true;
      try {
        const watched = new Set(eventBus().watchedRuns());
        for (const runId of relayed.keys()) if (!watched.has(runId)) relayed.delete(runId);
        for (const runId of watched) {
          // This process's own runs reach the bus from its event writer.
          if (activeRuns().has(runId)) continue;
          const events = await listEvents(runId, relayed.get(runId) ?? 0);
          for (const event of events) eventBus().publish(event);
          const last = events.at(-1);
          if (last) relayed.set(runId, last.seq);
        }
      } catch (error) {
        console.error("[foreman] log poller:", error instanceof Error ? error.message : error);
      } finally {
        polling = false;
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    timer.unref();
    return timer;
  });
}
