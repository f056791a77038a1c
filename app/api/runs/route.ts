import { ForemanError } from "@/lib/engine/errors";
import { env } from "@/lib/server/env";
import { errorResponse } from "@/lib/server/http-errors";
import { readLimitedBody } from "@/lib/server/read-limited-body";
import { startRun } from "@/lib/server/run-service";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { documentFromForm, limitsFromForm, parseStartRunForm } from "@/lib/server/upload";

export const dynamic = "force-dynamic";

/** Multipart form overhead allowed on top of the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * POST /api/runs (multipart: `file` or `text`, `request`, `idempotencyKey`, optional budgets
 * `maxTasks`, `maxTokens`, `maxCostUsd`, `maxWallSeconds`; `review=true` stops it after planning
 * until the plan is approved) starts a run and
 * answers `{ runId }` — the programmatic twin of the home page's form.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const maxBytes = Math.round(env().FOREMAN_MAX_UPLOAD_MB * 1024 * 1024);
    const body = await readLimitedBody(request, maxBytes + FORM_OVERHEAD_BYTES);
    const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } })
      .formData()
      .catch(() => {
        throw new ForemanError("invalid_input", "Expected a multipart/form-data body with a `file` or `text` field.");
      });
    const fields = parseStartRunForm(form);
    if (!fields.success) throw new ForemanError("invalid_input", fields.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const file = form.get("file");
    const document = await documentFromForm(file instanceof File ? file : undefined, fields.data.text);
    const { idempotencyKey } = fields.data;
    const { runId, created } = await startRun({
      document,
      request: fields.data.request.trim() || DEFAULT_REQUEST,
      limits: limitsFromForm(fields.data),
      review: fields.data.review,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return Response.json({ runId }, { status: created ? 201 : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
