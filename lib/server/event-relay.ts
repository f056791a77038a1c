import "server-only";
import { z } from "zod";
import { eventBus } from "./event-bus";
import { EVENTS_CHANNEL } from "./event-writer";
import { processSingleton } from "./global-singleton";
import { listenTo } from "./pg-listener";
import { executorId } from "./run-lease";
import { listEvents } from "./run-queries";

const noticeSchema = z.object({ runId: z.string(), first: z.number().int(), last: z.number().int(), owner: z.string().nullable() });

/**
 * Live events across processes (PostgreSQL). The event writer NOTIFYs `{ runId, seq }` on commit;
 * this process LISTENs and, for runs someone here is watching, reads the log past what it has
 * relayed and publishes it on the local bus. The notification is only a wake-up: the log stays
 * the truth, the SSE stream drops what it already sent (by seq), and a missed notification costs
 * latency, not events (the next one reads from the last relayed seq).
 */
export async function startEventRelay(): Promise<void> {
  await processSingleton("event-relay", async () => {
    const relayed = new Map<string, number>(); // run → last seq published here by the relay
    const reading = new Map<string, Promise<void>>();
    /** `after`: where to read from when nothing was relayed for the run yet (what the batch follows). */
    const relay = (runId: string, after: number) => {
      if (!eventBus().hasSubscribers(runId)) {
        relayed.delete(runId);
        return;
      }
      // One read per run at a time, in order: a read queued behind another starts from its end.
      const previous = reading.get(runId) ?? Promise.resolve();
      const next = previous
        .then(async () => {
          const events = await listEvents(runId, relayed.get(runId) ?? after);
          for (const event of events) eventBus().publish(event);
          const last = events.at(-1);
          if (last) relayed.set(runId, last.seq);
        })
        .catch((error: unknown) => console.error(`[foreman] event relay for run ${runId}:`, error instanceof Error ? error.message : error))
        .finally(() => {
          if (reading.get(runId) === next) reading.delete(runId);
        });
      reading.set(runId, next);
    };

    await listenTo(EVENTS_CHANNEL, {
      onNotice(payload) {
        const notice = noticeSchema.safeParse(JSON.parse(payload) as unknown);
        // Our own executor already published its events on the local bus.
        if (!notice.success || notice.data.owner === executorId()) return;
        relay(notice.data.runId, notice.data.first - 1);
      },
      // Notifications sent while disconnected are lost: catch every watched run up from the log
      // (the streams drop what they already have, by seq).
      onReconnect() {
        for (const runId of eventBus().watchedRuns()) relay(runId, relayed.get(runId) ?? 0);
      },
    });
  });
}
