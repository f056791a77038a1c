import type { Usage } from "../../engine/usage";

/** US dollars per million tokens. */
export type ModelPrice = { input: number; output: number; cacheWrite: number; cacheRead: number };

/** Prompt-cache pricing is a multiple of the base input price (5-minute cache writes; reads). */
const CACHE_WRITE_MULTIPLIER = 1.25;
const CACHE_READ_MULTIPLIER = 0.1;

const price = (input: number, output: number): ModelPrice => ({
  input,
  output,
  cacheWrite: input * CACHE_WRITE_MULTIPLIER,
  cacheRead: input * CACHE_READ_MULTIPLIER,
});

/**
 * Longest prefix wins, so "claude-opus-4-1" (old price) is not read as the newer "claude-opus-4"
 * family entry. Published list prices for the Claude 4 generation.
 */
const PRICE_TABLE: ReadonlyArray<readonly [prefix: string, price: ModelPrice]> = [
  ["claude-opus-4-0", price(15, 75)],
  ["claude-opus-4-1", price(15, 75)],
  ["claude-opus-4-2025", price(15, 75)], // claude-opus-4-20250514
  ["claude-opus-4", price(5, 25)], // 4.5 and later
  ["claude-sonnet-4", price(3, 15)],
  ["claude-haiku-4", price(1, 5)],
];

/**
 * Unknown models (newer families we have no price for, or a compatible server's own names) are
 * costed at Sonnet prices: a middle estimate that is never zero, so budgets still bite.
 */
export const FALLBACK_PRICE: ModelPrice = price(3, 15);

export function priceFor(model: string): ModelPrice {
  let best: readonly [string, ModelPrice] | undefined;
  for (const entry of PRICE_TABLE) {
    if (model.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : FALLBACK_PRICE;
}

export function estimateCostUsd(model: string, usage: Omit<Usage, "costUsd">): number {
  const p = priceFor(model);
  const dollars =
    usage.inputTokens * p.input +
    usage.outputTokens * p.output +
    usage.cacheCreationInputTokens * p.cacheWrite +
    usage.cacheReadInputTokens * p.cacheRead;
  return dollars / 1_000_000;
}
