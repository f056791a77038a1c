import { z } from "zod";
import { ForemanError } from "@/lib/engine/errors";
import { isFinalRunStatus } from "@/lib/engine/run-state";
import { route } from "@/lib/server/route";
import { parseAfter } from "@/lib/server/sse-cursor";
import { runStatus } from "@/lib/server/run-queries";
import { runEventStream } from "@/lib/server/sse-stream";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid({ error: "a run id is a UUID" }) });

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

async function existingRunStatus(id: string): Promise<string> {
  const status = await runStatus(id);
  if (!status) throw new ForemanError("not_found", `No run with id ${id}.`);
  return status;
}

export const GET = route({ params }, async ({ request, params: { id } }) => {
  const after = parseAfter(request);
  const status = await existingRunStatus(id);
  const stream = runEventStream({
    runId: id,
    after,
    signal: request.signal,
    runFinished: isFinalRunStatus(status),
  });
  return new Response(stream, { headers: HEADERS });
});

/**
 * The stream's headers without the stream. Next would otherwise answer HEAD by calling GET and
 * dropping the body unread: a stream that subscribes, buffers the run's events and beats its
 * heartbeat until the run ends — forever for a run awaiting approval.
 */
export const HEAD = route({ params }, async ({ request, params: { id } }) => {
  parseAfter(request);
  await existingRunStatus(id);
  return new Response(null, { headers: HEADERS });
});
