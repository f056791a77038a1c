import { ForemanError } from "@/lib/engine/errors";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { env } from "@/lib/server/env";
import { readLimitedBody } from "@/lib/server/read-limited-body";
import { route } from "@/lib/server/route";
import { startRun } from "@/lib/server/run-service";
import { documentFromForm, limitsFromForm, parseStartRunForm } from "@/lib/server/upload";
import { maxRequestBytes } from "@/lib/server/upload-limit";

export const dynamic = "force-dynamic";

/**
 * POST /api/runs (multipart: `file` or `text`, `request`, `idempotencyKey`, optional budgets
 * `maxTasks`, `maxTokens`, `maxCostUsd`, `maxWallSeconds`; `review=true` stops it after planning
 * until the plan is approved) starts a run and
 * answers `{ runId }` — the programmatic twin of the home page's form. Scripts send
 * `Authorization: Bearer <token>` (the cross-site rule, README).
 */
export const POST = route({}, async ({ request }) => {
  const body = await readLimitedBody(request, { maxBytes: maxRequestBytes(), limitLabel: `${env().FOREMAN_MAX_UPLOAD_MB} MB`, idleTimeoutMs: env().FOREMAN_BODY_TIMEOUT_MS });
  const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => {
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
});
