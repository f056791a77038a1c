import { ForemanError } from "@/lib/engine/errors";
import { errorResponse } from "@/lib/server/http-errors";
import { runStatus } from "@/lib/server/run-queries";
import { cancelRun } from "@/lib/server/run-service";

export const dynamic = "force-dynamic";

/**
 * POST /api/runs/:id/cancel cancels a run wherever it executes (this process, another server on
 * the same database, or a worker) and answers `{ canceled }`: false when the run had already
 * ended. The cancel takes effect within one executor heartbeat (FOREMAN_HEARTBEAT_MS).
 */
export async function POST(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  try {
    if (!(await runStatus(id))) throw new ForemanError("not_found", `No run with id ${id}.`);
    return Response.json({ canceled: await cancelRun(id) });
  } catch (error) {
    return errorResponse(error);
  }
}
