import type { ModelWait } from "../engine/events";

/** What a node says while its model call waits: `label` in full (tooltip, panel), `short` on the card. */
export type WaitText = { label: string; short: string };

const REASON: Record<ModelWait["reason"], WaitText> = {
  rate_limit: { label: "waiting for rate limit", short: "Rate limited" },
  overloaded: { label: "waiting: the API is overloaded", short: "API overloaded" },
  call_limit: { label: "waiting for a free model slot", short: "Waiting for a slot" },
  cache_warmup: { label: "waiting for the shared prompt cache", short: "Waiting for cache" },
};

/**
 * E.g. `{ label: "waiting for rate limit (retry in 12 s)", short: "Rate limited · retry in 12 s" }`.
 * `now` is epoch ms; once the time has passed it says "retrying now" until the call streams.
 */
export function waitLabel(wait: ModelWait | undefined, now: number): WaitText | undefined {
  if (!wait) return undefined;
  const text = REASON[wait.reason];
  if (wait.until === undefined) return text;
  const seconds = Math.ceil((Date.parse(wait.until) - now) / 1000);
  if (!Number.isFinite(seconds)) return text;
  const when = seconds > 0 ? `retry in ${seconds} s` : "retrying now";
  return { label: `${text.label} (${when})`, short: `${text.short} · ${when}` };
}
