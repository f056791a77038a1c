import { errorResponse } from "@/lib/server/http-errors";
import { discardPlan } from "@/lib/server/plan-review";

export const dynamic = "force-dynamic";

/** POST /api/runs/{id}/discard cancels a run awaiting approval. */
export async function POST(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  try {
    await discardPlan({ runId: id, by: "api" });
    return Response.json({ runId: id, status: "canceled" });
  } catch (error) {
    return errorResponse(error);
  }
}
