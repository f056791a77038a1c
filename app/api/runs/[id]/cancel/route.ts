import { z } from "zod";
import { ForemanError } from "@/lib/engine/errors";
import { route } from "@/lib/server/route";
import { runStatus } from "@/lib/server/run-queries";
import { cancelRun } from "@/lib/server/run-service";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid({ error: "a run id is a UUID" }) });

/**
 * POST /api/runs/:id/cancel cancels a run wherever it executes (this process, another server on
 * the same database, or a worker) and answers `{ canceled }`: false when the run had already
 * ended. Elsewhere, the cancel takes effect within one executor heartbeat (FOREMAN_HEARTBEAT_MS).
 */
export const POST = route({ params }, async ({ params: { id } }) => {
  if (!(await runStatus(id))) throw new ForemanError("not_found", `No run with id ${id}.`);
  return Response.json({ canceled: await cancelRun(id) });
});
