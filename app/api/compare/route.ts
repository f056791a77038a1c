import { z } from "zod";
import { ForemanError } from "@/lib/engine/errors";
import { compareStoredRuns } from "@/lib/server/compare-service";
import { errorResponse } from "@/lib/server/http-errors";

export const dynamic = "force-dynamic";

const querySchema = z.object({ a: z.string().uuid("a must be a run id"), b: z.string().uuid("b must be a run id") });

/** GET /api/compare?a=<run id>&b=<run id>: the two runs side by side (lib/compare/compare-runs.ts), as JSON. */
export async function GET(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    const query = querySchema.safeParse({ a: params.get("a") ?? "", b: params.get("b") ?? "" });
    if (!query.success) throw new ForemanError("invalid_input", query.error.issues.map((i) => i.message).join("; "));
    return Response.json(await compareStoredRuns(query.data.a, query.data.b));
  } catch (error) {
    return errorResponse(error);
  }
}
