import { z } from "zod";
import { errorResponse } from "@/lib/server/http-errors";
import { readJsonBody } from "@/lib/server/json-body";
import { replan } from "@/lib/server/plan-review";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ note: z.string().trim().min(1, "Say what the new plan should change.").max(4_000) });

/** POST /api/runs/{id}/replan `{ note }` asks the orchestrator for a new plan with the note (202). */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  try {
    const { note } = await readJsonBody(request, bodySchema);
    await replan({ runId: id, note, by: "api" });
    return Response.json({ runId: id, status: "planning" }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
