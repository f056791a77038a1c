import "server-only";
import type { RunEvent } from "../engine/events";
import { eventBus } from "./event-bus";
import { listEvents } from "./run-queries";

const FINAL_EVENTS: ReadonlySet<RunEvent["type"]> = new Set(["run-end", "run-error", "run-cancel"]);

export function formatEventFrame(event: RunEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Tells the client the run is over, so it stops instead of reconnecting. */
export const END_FRAME = "event: end\ndata: {}\n\n";

/**
 * DESIGN.md §4: replay stored events after `after`, then tail live ones, with no gap and no
 * duplicate. Subscribing before reading the log closes the gap between the two; `lastSent`
 * drops events that arrive both ways. Ends after the run's final event.
 */
export function runEventStream(options: { runId: string; after: number; signal: AbortSignal; heartbeatMs?: number; runFinished: boolean }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => undefined as void;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastSent = options.after;
      let closed = false;
      const buffered: RunEvent[] = [];
      let replaying = true;

      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.enqueue(encoder.encode(END_FRAME));
          controller.close();
        } catch {
          // the client already went away
        }
      };
      // A final event ends the stream only if it is the latest: a re-opened run (task re-run) has
      // an earlier run-end in its log that a replay must pass over.
      const send = (event: RunEvent, latest: boolean) => {
        if (closed || event.seq <= lastSent) return;
        lastSent = event.seq;
        controller.enqueue(encoder.encode(formatEventFrame(event)));
        if (latest && FINAL_EVENTS.has(event.type)) close();
      };

      const unsubscribe = eventBus().subscribe(options.runId, (event) => (replaying ? buffered.push(event) : send(event, true)));
      const heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": heartbeat\n\n"));
      }, options.heartbeatMs ?? 15_000);
      const onAbort = () => {
        closed = true;
        cleanup();
      };
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        options.signal.removeEventListener("abort", onAbort);
      };
      options.signal.addEventListener("abort", onAbort, { once: true });

      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      try {
        const stored = await listEvents(options.runId, options.after);
        replaying = false;
        // Events published while the log was read may also be in it: one copy each, in order.
        const bySeq = new Map([...stored, ...buffered.splice(0)].map((e) => [e.seq, e]));
        const backlog = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
        backlog.forEach((event, i) => send(event, i === backlog.length - 1));
      } catch (error) {
        closed = true;
        cleanup();
        controller.error(error);
        return;
      }
      // A run that finished before this stream opened (e.g. its last event was already sent).
      if (options.runFinished && !closed) close();
    },
    cancel() {
      cleanup();
    },
  });
}
