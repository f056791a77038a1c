import { ForemanError } from "@/lib/engine/errors";
import { isFinalRunStatus } from "@/lib/engine/run-state";
import { errorResponse } from "@/lib/server/http-errors";
import { parseAfter } from "@/lib/server/sse-cursor";
import { runStatus } from "@/lib/server/run-queries";
import { runEventStream } from "@/lib/server/sse-stream";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  try {
    const after = parseAfter(request);
    const status = await runStatus(id);
    if (!status) return errorResponse(new ForemanError("not_found", `No run with id ${id}.`));
    const stream = runEventStream({
      runId: id,
      after,
      signal: request.signal,
      runFinished: isFinalRunStatus(status),
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
