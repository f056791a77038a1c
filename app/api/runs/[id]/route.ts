import { ForemanError } from "@/lib/engine/errors";
import { route } from "@/lib/server/route";
import { runIdParams } from "@/lib/server/route-params";
import { getRunDetail } from "@/lib/server/run-detail";

export const dynamic = "force-dynamic";

/** GET /api/runs/{id}: the run's current state, its plan included (see lib/server/run-detail.ts). */
export const GET = route({ params: runIdParams }, async ({ params: { id } }) => {
  const detail = await getRunDetail(id);
  if (!detail) throw new ForemanError("not_found", `No run with id ${id}.`);
  return Response.json(detail);
});
