import type { ModelWait } from "../engine/events";

const REASON: Record<ModelWait["reason"], string> = {
  rate_limit: "waiting for rate limit",
  overloaded: "waiting: API overloaded",
  call_limit: "waiting for a free model slot",
  cache_warmup: "waiting for the shared cache",
};

/**
 * What a node says while its model call waits, e.g. "waiting for rate limit (retry in 12 s)".
 * `now` is epoch ms; a wait whose time has passed says "retrying now" until the call streams.
 */
export function waitLabel(wait: ModelWait | undefined, now: number): string | undefined {
  if (!wait) return undefined;
  const label = REASON[wait.reason];
  if (wait.until === undefined) return label;
  const seconds = Math.ceil((Date.parse(wait.until) - now) / 1000);
  if (!Number.isFinite(seconds)) return label;
  return seconds > 0 ? `${label} (retry in ${seconds} s)` : `${label} (retrying now)`;
}
