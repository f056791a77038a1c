import { errorResponse } from "@/lib/server/http-errors";
import { approvePlan } from "@/lib/server/plan-review";

export const dynamic = "force-dynamic";

/** POST /api/runs/{id}/approve starts execution of the plan awaiting approval (202; 409 if none awaits). */
export async function POST(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  try {
    await approvePlan({ runId: id, by: "api" });
    return Response.json({ runId: id, status: "running" }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
