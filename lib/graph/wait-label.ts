import type { ModelWait } from "../engine/events";

/** What a node says while its model call waits: `label` in full (tooltip, panel), `short` on the card. */
export type WaitText = { label: string; short: string };

/** Short forms fit a 208 px card with the countdown (about 23 characters). */
const REASON: Record<ModelWait["reason"], WaitText & { retry: boolean }> = {
  rate_limit: { label: "waiting for rate limit", short: "Rate limit", retry: true },
  overloaded: { label: "waiting: the API is overloaded", short: "Overloaded", retry: true },
  call_limit: { label: "waiting for a free model slot", short: "Waiting for a slot", retry: false },
  cache_warmup: { label: "waiting for the shared prompt cache", short: "Cache warm-up", retry: false },
};

/**
 * E.g. `{ label: "waiting for rate limit (retry in 12 s)", short: "Rate limit · retry 12 s" }`.
 * `now` is epoch ms; once the time has passed it says "retrying now" until the call streams.
 */
export function waitLabel(wait: ModelWait | undefined, now: number): WaitText | undefined {
  if (!wait) return undefined;
  const { label, short, retry } = REASON[wait.reason];
  const seconds = wait.until === undefined ? Number.NaN : Math.ceil((Date.parse(wait.until) - now) / 1000);
  if (!Number.isFinite(seconds)) return { label, short };
  if (seconds <= 0) return { label: `${label} (${retry ? "retrying now" : "starting now"})`, short: `${short} · now` };
  return { label: `${label} (${retry ? "retry" : "start"} in ${seconds} s)`, short: `${short} · ${retry ? "retry " : ""}${seconds} s` };
}
