import { ForemanError, isRetryable } from "./errors";

export type RetryPolicy = {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Exponential backoff with equal jitter; a server's `retry-after` is a floor, never ignored. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** Settles only when `signal` aborts, rejecting with its abort error (a call that never answers). */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    signal.addEventListener("abort", () => reject(abortError(signal)), { once: true });
  });
}

export function abortError(signal: AbortSignal): ForemanError {
  const reason: unknown = signal.reason;
  if (reason instanceof ForemanError) return reason;
  return new ForemanError("aborted", typeof reason === "string" ? reason : "The run was canceled.");
}

/**
 * Runs `attempt(n)` until it succeeds, a non-retryable error occurs, or attempts run out. `n`
 * continues the task's numbering (a re-run starts after the earlier attempts), but every call
 * gets the full number of attempts and its own backoff schedule.
 */
export async function withRetries<T>(options: {
  policy: RetryPolicy;
  signal: AbortSignal;
  sleep: Sleep;
  random: () => number;
  firstAttempt?: number;
  attempt: (n: number) => Promise<T>;
  onRetry?: (n: number, error: unknown, delayMs: number) => void | Promise<void>;
}): Promise<T> {
  const first = options.firstAttempt ?? 1;
  for (let n = first; ; n++) {
    const made = n - first + 1;
    try {
      return await options.attempt(n);
    } catch (error) {
      if (options.signal.aborted) throw abortError(options.signal);
      if (!isRetryable(error) || made >= options.policy.maxAttempts) throw error;
      const retryAfter = error instanceof ForemanError ? error.retryAfterMs : undefined;
      const delayMs = backoffDelay(made, options.policy, options.random, retryAfter);
      await options.onRetry?.(n, error, delayMs);
      await options.sleep(delayMs, options.signal);
    }
  }
}
