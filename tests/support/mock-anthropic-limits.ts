/**
 * Rate limits as the API reports them (https://platform.claude.com/docs/en/api/rate-limits,
 * "Response headers"): every answer carries `anthropic-ratelimit-<kind>-{limit,remaining,reset}`
 * (reset in RFC 3339); a 429 adds `retry-after`. A window set with `rateLimit()` answers 429 to
 * every Messages request for the model until the mock's clock passes its end — like an
 * input-tokens-per-minute limit that refills over tens of seconds and hits every parallel call.
 */
/** `forMs` counts from the first request that runs into the window, so a slow test start cannot shorten it. */
export type RateLimitWindow = { model?: string; forMs: number; untilMs?: number; kind: "requests" | "input-tokens" | "output-tokens"; retryAfterSeconds: number };

const LIMITS = { requests: 4_000, "input-tokens": 2_000_000, "output-tokens": 400_000 } as const;

export function createRateLimits(now: () => number) {
  const windows: RateLimitWindow[] = [];
  const active = (model: string) =>
    windows.find((w) => {
      if (w.model !== undefined && w.model !== model) return false;
      w.untilMs ??= now() + w.forMs;
      return w.untilMs > now();
    });
  return {
    add(window: RateLimitWindow) {
      windows.push(window);
    },
    /** The window a request for `model` runs into, if any. */
    active,
    /** The rate-limit headers of an answer for `model`. */
    headers(model: string): Record<string, string> {
      const w = active(model);
      const headers: Record<string, string> = {};
      for (const kind of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
        const exhausted = w?.kind === kind;
        headers[`anthropic-ratelimit-${kind}-limit`] = String(LIMITS[kind]);
        headers[`anthropic-ratelimit-${kind}-remaining`] = exhausted ? "0" : String(LIMITS[kind] - 1);
        headers[`anthropic-ratelimit-${kind}-reset`] = new Date(exhausted && w?.untilMs !== undefined ? w.untilMs : now() + 1_000).toISOString();
      }
      if (w) headers["retry-after"] = String(w.retryAfterSeconds);
      return headers;
    },
  };
}
