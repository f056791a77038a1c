import "server-only";
import { processSingleton } from "./global-singleton";
import { createRateLimiter, type RateLimiter } from "./rate-limit";

/**
 * Wrong access tokens allowed: 10 per client per 15 minutes, and — since a client address can be
 * forged behind a proxy — 100 per 15 minutes from everyone together. At that rate a 16-character
 * token (MIN_ACCESS_TOKEN_LENGTH) cannot be guessed.
 */
const WINDOW_MS = 15 * 60 * 1000;

function limiters(): { client: RateLimiter; everyone: RateLimiter } {
  return processSingleton("sign-in-limit", () => ({
    client: createRateLimiter({ limit: 10, windowMs: WINDOW_MS }),
    everyone: createRateLimiter({ limit: 100, windowMs: WINDOW_MS }),
  }));
}

/** How long `client` must wait before trying again (ms), 0 if it may try now. */
export function signInRetryAfterMs(client: string): number {
  const { client: perClient, everyone } = limiters();
  return Math.max(perClient.retryAfter(client), everyone.retryAfter("*"));
}

export function signInFailed(client: string): void {
  const { client: perClient, everyone } = limiters();
  perClient.hit(client);
  everyone.hit("*");
}
