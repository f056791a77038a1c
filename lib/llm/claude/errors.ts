import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import { ForemanError } from "../../engine/errors";

/** What the caller knows about the call when it failed. */
export type FailureContext = {
  signal: AbortSignal;
  /** True once the response headers arrived (an SSE body was being read). */
  streamStarted: boolean;
  /** A short label for messages, e.g. "plan" or "worker key-facts". */
  call: string;
};

/**
 * The one place SDK failures become ForemanErrors, so retry decisions live in `ErrorCode`.
 *
 * Abort: we throw a ForemanError, never the SDK's APIUserAbortError. If the signal's reason is
 * already a ForemanError (the engine aborts a task on timeout with `task_timeout`), that reason is
 * rethrown as-is; otherwise code "aborted". The signal is checked first because an abort can
 * surface as any error (a connection reset, a truncated stream).
 */
export function toForemanError(error: unknown, ctx: FailureContext): ForemanError {
  return toForemanErrorAt(error, ctx, Date.now);
}

/** `toForemanError` with the clock that turns rate-limit reset times into waits. */
export function toForemanErrorAt(error: unknown, ctx: FailureContext, now: () => number): ForemanError {
  if (ctx.signal.aborted) return abortedError(ctx.signal, error);
  if (error instanceof ForemanError) return error;
  if (error instanceof APIUserAbortError) return new ForemanError("aborted", "The model call was canceled.", { cause: error });
  if (error instanceof APIConnectionTimeoutError) {
    return new ForemanError("model_timeout", `The model did not answer in time (${ctx.call}).`, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ForemanError("model_timeout", `Could not reach the model API (${ctx.call}): ${error.message}`, { cause: error });
  }
  if (error instanceof APIError) return fromApiError(error, ctx, now);
  // Anything else after the headers arrived is the SSE body breaking off (socket reset, "terminated").
  if (ctx.streamStarted) return streamDropped(ctx, error);
  const message = error instanceof Error ? error.message : String(error);
  return new ForemanError("model_server_error", `The model call failed (${ctx.call}): ${message}`, { cause: error });
}

function fromApiError(error: APIError, ctx: FailureContext, now: () => number): ForemanError {
  const apiMessage = error.apiMessage ?? error.message;
  const status = error.status;
  // An `event: error` frame inside the SSE body has no HTTP status: the stream broke mid-way.
  if (status === undefined) return streamDropped(ctx, error, apiMessage);
  if (status === 429) {
    const retryAfterMs = rateLimitWaitMs(error.headers, now);
    return new ForemanError("model_rate_limited", `Rate limited by the model API (${ctx.call}): ${apiMessage}`, {
      cause: error,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status === 529) {
    const retryAfterMs = retryAfterMsFrom(error.headers, now);
    return new ForemanError("model_overloaded", `The model API is overloaded (${ctx.call}).`, {
      cause: error,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status === 401 || status === 403) {
    return new ForemanError("model_auth", `The model API refused the credentials (${status}): ${apiMessage}`, { cause: error });
  }
  if (status === 408 || status === 504) {
    return new ForemanError("model_timeout", `The model API timed out (${ctx.call}).`, { cause: error });
  }
  if (status >= 500) {
    return new ForemanError("model_server_error", `The model API failed (${status}, ${ctx.call}): ${apiMessage}`, { cause: error });
  }
  // 400, 404, 413, 422 …: the request itself is wrong; repeating it cannot help.
  return new ForemanError("model_bad_request", `The model API rejected the request (${status}, ${ctx.call}): ${apiMessage}`, {
    cause: error,
  });
}

function streamDropped(ctx: FailureContext, cause: unknown, detail?: string): ForemanError {
  const why = detail ?? (cause instanceof Error ? cause.message : String(cause));
  return new ForemanError("model_stream_dropped", `The model's stream broke off before it finished (${ctx.call}): ${why}`, { cause });
}

function abortedError(signal: AbortSignal, cause: unknown): ForemanError {
  const reason: unknown = signal.reason;
  if (reason instanceof ForemanError) return reason;
  const message = typeof reason === "string" ? reason : "The model call was canceled.";
  return new ForemanError("aborted", message, { cause });
}

/**
 * `retry-after-ms` (sent by Anthropic alongside the standard header) is preferred for precision;
 * `retry-after` may be seconds or an HTTP date.
 */
export function retryAfterMsFrom(headers: Headers | undefined, now: () => number = Date.now): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers.get("retry-after");
  if (raw === null || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** The limits the API reports on every answer (https://platform.claude.com/docs/en/api/rate-limits, "Response headers"). */
const RATE_LIMIT_KINDS = ["requests", "tokens", "input-tokens", "output-tokens"] as const;

/**
 * How long a 429 asks us to wait, in ms: the later of `retry-after(-ms)` and the reset time
 * (`anthropic-ratelimit-<kind>-reset`, RFC 3339) of every limit whose `-remaining` is 0. A token
 * limit refills continuously, so its reset can lie well beyond `retry-after`; waiting for it keeps
 * every call to the model from hitting the same exhausted limit again.
 */
export function rateLimitWaitMs(headers: Headers | undefined, now: () => number = Date.now): number | undefined {
  if (!headers) return undefined;
  let wait = retryAfterMsFrom(headers, now);
  for (const kind of RATE_LIMIT_KINDS) {
    if (headers.get(`anthropic-ratelimit-${kind}-remaining`)?.trim() !== "0") continue;
    const reset = Date.parse(headers.get(`anthropic-ratelimit-${kind}-reset`) ?? "");
    if (Number.isNaN(reset)) continue;
    wait = Math.max(wait ?? 0, Math.max(0, reset - now()));
  }
  return wait;
}
