import { z } from "zod";
import { readJsonBody } from "@/lib/server/json-body";
import { replan } from "@/lib/server/plan-review";
import { route } from "@/lib/server/route";
import { runIdParams } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ note: z.string().trim().min(1, "Say what the new plan should change.").max(4_000) });

/** POST /api/runs/{id}/replan `{ note }` asks the orchestrator for a new plan with the note (202). */
export const POST = route({ params: runIdParams }, async ({ request, params: { id } }) => {
  const { note } = await readJsonBody(request, bodySchema);
  await replan({ runId: id, note, by: "api" });
  return Response.json({ runId: id, status: "planning" }, { status: 202 });
});
