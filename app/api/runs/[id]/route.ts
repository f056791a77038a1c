import { ForemanError } from "@/lib/engine/errors";
import { errorResponse } from "@/lib/server/http-errors";
import { getRunDetail } from "@/lib/server/run-detail";

export const dynamic = "force-dynamic";

/** GET /api/runs/{id}: the run's current state, its plan included (see lib/server/run-detail.ts). */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  try {
    const detail = await getRunDetail(id);
    if (!detail) throw new ForemanError("not_found", `No run with id ${id}.`);
    return Response.json(detail);
  } catch (error) {
    return errorResponse(error);
  }
}
