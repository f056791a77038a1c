import { route } from "@/lib/server/route";
import { runIdParams } from "@/lib/server/route-params";
import { approvePlan } from "@/lib/server/plan-review";

export const dynamic = "force-dynamic";

/** POST /api/runs/{id}/approve starts execution of the plan awaiting approval (202; 409 if none awaits). */
export const POST = route({ params: runIdParams }, async ({ params: { id } }) => {
  await approvePlan({ runId: id, by: "api" });
  return Response.json({ runId: id, status: "running" }, { status: 202 });
});
