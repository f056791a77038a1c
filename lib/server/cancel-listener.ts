import "server-only";
import { z } from "zod";
import { processSingleton } from "./global-singleton";
import { listenTo } from "./pg-listener";
import { CANCEL_CHANNEL, pendingCancel } from "./run-lease";
import { activeRuns } from "./run-registry";

const noticeSchema = z.object({ runId: z.string() });

/**
 * Cancel across processes without waiting for a heartbeat (PostgreSQL): a web process that stores
 * a cancel request NOTIFYs CANCEL_CHANNEL; the executor LISTENs and, when it executes that run,
 * reads the stored request and aborts the run at once. The notification is only a wake-up — the
 * request on the run stays the truth, and the heartbeat still delivers it if a notification is
 * lost (e.g. while this listener reconnects).
 */
export async function startCancelListener(): Promise<void> {
  await processSingleton("cancel-listener", () =>
    listenTo(CANCEL_CHANNEL, {
      onNotice(payload) {
        const notice = noticeSchema.safeParse(JSON.parse(payload) as unknown);
        if (!notice.success || !activeRuns().has(notice.data.runId)) return; // another executor's run
        void deliver(notice.data.runId);
      },
    }),
  );
}

async function deliver(runId: string): Promise<void> {
  try {
    const reason = await pendingCancel(runId);
    if (reason) activeRuns().get(runId)?.controller.abort(reason);
  } catch (error) {
    console.error(`[foreman] cancel request for run ${runId}:`, error instanceof Error ? error.message : error); // the heartbeat delivers it
  }
}
