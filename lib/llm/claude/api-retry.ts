import type { ModelWait } from "../../engine/events";
import { ForemanError } from "../../engine/errors";
import type { OnModelWait } from "../../engine/model-port";
import { abortError } from "../../engine/retry";
import type { ModelCallLimiter } from "./call-limiter";
import type { Clock } from "./config";

/** Backoff for a 529 (or a 429 without any hint): 1 s, 2 s, 4 s … at most 30 s, before jitter. */
const OVERLOAD_BASE_MS = 1_000;
const OVERLOAD_MAX_MS = 30_000;

/**
 * Jitter added to every server-suggested wait so parallel calls and parallel runs spread out
 * instead of retrying in lockstep: 10–30% of the wait, at least 100–300 ms, at most 1.5–4.5 s
 * (a long rate limit should not cost many extra seconds).
 */
export function retryJitterMs(waitMs: number, random: () => number): number {
  const span = Math.min(3_000, Math.max(200, waitMs * 0.2));
  return Math.round(span / 2 + random() * span);
}

export type ApiRetryOptions = {
  model: string;
  /** A label for messages ("worker key-facts (task t1)"). */
  call: string;
  limiter: ModelCallLimiter;
  clock: Clock;
  /** How long 429/529 answers are retried, counted from the first attempt, in ms. */
  budgetMs: number;
  signal: AbortSignal;
  onWait?: OnModelWait;
};

/**
 * Sends `send()` through the process-wide limiter and retries 429 and 529 answers until the time
 * budget runs out, honouring `retry-after` / rate-limit reset headers plus jitter. A 429 pauses
 * every call to the model (limiter.pauseUntil) so the others wait instead of each finding out.
 * Every other failure is thrown as-is for the engine to judge. After the budget, the last error is
 * rethrown marked not retryable (the engine must not multiply the wait by its attempts).
 */
export async function withApiRetries<T>(options: ApiRetryOptions, send: () => Promise<T>): Promise<T> {
  const { clock, signal, limiter, model } = options;
  const started = clock.now();
  let waiting = false;
  const wait = (w: ModelWait | null) => {
    if (w === null && !waiting) return;
    waiting = w !== null;
    options.onWait?.(w);
  };
  for (let attempt = 1; ; attempt++) {
    const release = await limiter.acquire(model, {
      signal,
      onWait: (w) => wait({ reason: w.reason, ...(w.untilMs !== undefined ? { until: new Date(w.untilMs).toISOString() } : {}) }),
    });
    let failure: ForemanError;
    try {
      wait(null);
      return await send();
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      if (!(error instanceof ForemanError) || (error.code !== "model_rate_limited" && error.code !== "model_overloaded")) throw error;
      failure = error;
    } finally {
      release();
    }
    const now = clock.now();
    const hinted = failure.retryAfterMs;
    const backoff = Math.min(OVERLOAD_MAX_MS, OVERLOAD_BASE_MS * 2 ** (attempt - 1));
    const baseMs = hinted ?? backoff;
    if (failure.code === "model_rate_limited") limiter.pauseUntil(model, now + baseMs);
    const delayMs = baseMs + retryJitterMs(baseMs, clock.random);
    const spent = now - started;
    if (spent + delayMs > options.budgetMs) {
      throw new ForemanError(
        failure.code,
        `${failure.message} Still ${failure.code === "model_rate_limited" ? "rate limited" : "overloaded"} after ${Math.round(spent / 1000)} s of retries (${attempt} attempts); giving up on this call.`,
        { cause: failure, retryable: false },
      );
    }
    wait({ reason: failure.code === "model_rate_limited" ? "rate_limit" : "overloaded", until: new Date(now + delayMs).toISOString() });
    await clock.sleep(delayMs, signal);
  }
}
