import { z } from "zod";
import { readJsonBody } from "@/lib/server/json-body";
import { editPlan, PlanEditError } from "@/lib/server/plan-review";
import { route } from "@/lib/server/route";
import { runIdParams } from "@/lib/server/route-params";
import { runDetail } from "@/lib/server/run-detail";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ tasks: z.array(z.unknown()).max(1_000) });

/**
 * POST /api/runs/{id}/plan `{ tasks: [...] }` replaces the tasks of a plan awaiting approval.
 * 200 with the run; 422 `{ error, issues }` with the validator's faults (each on its task/edge);
 * 409 when the run is not awaiting approval.
 */
export const POST = route({ params: runIdParams }, async ({ request, params: { id } }) => {
  const { tasks } = await readJsonBody(request, bodySchema);
  try {
    const state = await editPlan({ runId: id, tasks, by: "api" });
    return Response.json(runDetail(state));
  } catch (error) {
    if (error instanceof PlanEditError) {
      return Response.json({ error: { code: error.code, message: error.message, details: [...error.details] }, issues: error.issues }, { status: 422 });
    }
    throw error;
  }
});
