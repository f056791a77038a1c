import "server-only";

/**
 * A sliding-window counter: at most `limit` hits per key within `windowMs`. In memory, per
 * process — enough for sign-in attempts, which a restart does not make cheaper to guess.
 */
export type RateLimiter = {
  /** Counts a hit for `key`. */
  hit: (key: string, now?: number) => void;
  /** Without counting: how long `key` must still wait (ms), 0 if it may go ahead. */
  retryAfter: (key: string, now?: number) => number;
};

export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string, now: number) => (hits.get(key) ?? []).filter((at) => at > now - options.windowMs);
  // Over the limit until the oldest hit that keeps it there leaves the window.
  const wait = (times: number[], now: number) => (times.length >= options.limit ? (times[times.length - options.limit] ?? now) + options.windowMs - now : 0);
  return {
    hit(key, now = Date.now()) {
      const times = [...recent(key, now), now].slice(-options.limit);
      hits.delete(key); // re-insert: the Map's order is then least recently used first
      hits.set(key, times);
      // Bounded memory under a flood of distinct keys: drop the least recently used.
      while (hits.size > (options.maxKeys ?? 10_000)) hits.delete(hits.keys().next().value as string);
    },
    retryAfter(key, now = Date.now()) {
      return wait(recent(key, now), now);
    },
  };
}
