import "server-only";
import { ForemanError, toErrorInfo, type ErrorCode } from "../engine/errors";

const STATUS: Partial<Record<ErrorCode, number>> = {
  not_found: 404,
  invalid_input: 400,
  document_empty: 400,
  document_corrupt: 400,
  document_encrypted: 400,
  document_no_text: 400,
  document_too_many_pages: 400,
  document_unsupported_type: 415,
  document_too_large: 413,
  document_parse_timeout: 422,
  budget_exceeded: 422,
  plan_invalid: 422,
  conflict: 409,
  unauthorized: 401,
  cross_site: 403,
  rate_limited: 429,
  server_busy: 503,
};

/** The HTTP status of an error code (500 for codes that mean a fault of ours). */
export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

/** The one mapper from an error to an HTTP response: `{ error: { code, message } }`. */
export function errorResponse(error: unknown): Response {
  const info = toErrorInfo(error);
  const status = httpStatusOf(info.code);
  if (status === 500) console.error("[foreman] request failed:", error);
  const retryAfter = error instanceof ForemanError && error.retryAfterMs !== undefined ? { "retry-after": String(Math.ceil(error.retryAfterMs / 1000)) } : undefined;
  return Response.json({ error: info }, { status, ...(retryAfter ? { headers: retryAfter } : {}) });
}
