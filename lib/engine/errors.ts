/**
 * Every failure Foreman reports carries a stable `code` (for tests, HTTP mapping and retry
 * decisions) and a human `message` (for the UI). `retryable` marks transient model failures.
 */
export type ErrorCode =
  // input
  | "document_empty"
  | "document_too_large"
  | "document_unsupported_type"
  | "document_corrupt"
  | "document_encrypted"
  | "document_no_text"
  | "document_too_many_pages"
  | "document_parse_timeout"
  | "invalid_input"
  // plan
  | "plan_invalid"
  | "plan_malformed"
  // model calls
  | "model_rate_limited"
  | "model_overloaded"
  | "model_server_error"
  | "model_timeout"
  | "model_stream_dropped"
  | "model_bad_request"
  | "model_auth"
  | "model_output_invalid"
  | "model_refused"
  | "output_truncated"
  // run control
  | "task_timeout"
  /** The offline engine stopped a step past its deadline (deterministic: retrying would time out again). */
  | "offline_timeout"
  | "aborted"
  | "budget_exceeded"
  | "not_found"
  /** The run is not in a state that allows the request (e.g. approving a run that is not awaiting approval). */
  | "conflict"
  // server protection (lib/server/route.ts, proxy.ts)
  | "unauthorized"
  | "cross_site"
  | "rate_limited"
  | "server_busy"
  | "internal";

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "model_rate_limited",
  "model_overloaded",
  "model_server_error",
  "model_timeout",
  "model_stream_dropped",
  "task_timeout",
]);

import type { Usage } from "./usage";

export class ForemanError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** Server-suggested wait before a retry (e.g. from `retry-after`), in ms. */
  readonly retryAfterMs: number | undefined;
  readonly details: readonly string[];
  /** What the failed call was billed, when the API answered (a cut, refused or malformed answer is paid): the engine counts it. */
  readonly usage: Usage | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number; details?: readonly string[]; retryable?: boolean; usage?: Usage } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ForemanError";
    this.code = code;
    /** `retryable` overrides the code's default, e.g. a rate limit that outlasted its retry budget. */
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details ?? [];
    this.usage = options.usage;
  }
}

export type ErrorInfo = { code: ErrorCode; message: string; details?: string[] };

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ForemanError) {
    return error.details.length > 0
      ? { code: error.code, message: error.message, details: [...error.details] }
      : { code: error.code, message: error.message };
  }
  if (error instanceof Error && error.name === "AbortError") return { code: "aborted", message: "The operation was canceled." };
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}

/** The usage a failure carries (see ForemanError.usage); undefined when the call got no answer. */
export function usageOfError(error: unknown): Usage | undefined {
  return error instanceof ForemanError ? error.usage : undefined;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof ForemanError && error.retryable;
}
