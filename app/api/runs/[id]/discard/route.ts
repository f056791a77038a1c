import { route } from "@/lib/server/route";
import { runIdParams } from "@/lib/server/route-params";
import { discardPlan } from "@/lib/server/plan-review";

export const dynamic = "force-dynamic";

/** POST /api/runs/{id}/discard cancels a run awaiting approval. */
export const POST = route({ params: runIdParams }, async ({ params: { id } }) => {
  await discardPlan({ runId: id, by: "api" });
  return Response.json({ runId: id, status: "canceled" });
});
