/**
 * Claude list prices in US dollars per million tokens, as data. Checked 2026-11-29 against:
 * - Pricing: https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input,
 *   5m cache writes, 1h cache writes, cache hits and refreshes, output)
 * - Model pages, e.g. https://platform.claude.com/docs/en/models/sonnet-5-5/overview
 * - Sonnet 5.5 cache hits cut from $0.20 to $0.10 on 2026-10-07 and Haiku 5.5's prompt-length
 *   tier (≤ 100K prompt tokens: $0.10/$0.50; above: $0.50/$2.50, every token of that request):
 *   the pricing page's Haiku 5.5 row, summarised at https://github.com/kurofune/claudit/releases/tag/v1.9.2
 * - Sonnet 4.x above 200K prompt tokens (1M context): $6 input / $22.50 output ("Long context pricing").
 * `FOREMAN_PRICES_FILE` may override or add entries (see pricing.ts).
 */
export type Rates = {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
};

/** `longPrompt`: when a request's prompt (input + cache writes + cache reads) exceeds `aboveTokens`, every token of it is billed at `rates`. */
export type PriceEntry = Rates & { longPrompt?: { aboveTokens: number } & Rates };

/** Keyed by model id; a dated snapshot ("claude-haiku-4-5-20251001") uses its alias's entry. */
export type PriceTable = Readonly<Record<string, PriceEntry>>;

/** Cache writes and reads as the pricing page derives them: 1.25× (5 min), 2× (1 h), `read`× input. */
const rates = (input: number, output: number, read = 0.1): Rates => ({
  input,
  output,
  cacheWrite5m: input * 1.25,
  cacheWrite1h: input * 2,
  cacheRead: round(input * read),
});
const round = (n: number) => Math.round(n * 10_000) / 10_000;

const SONNET_4_LONG = { aboveTokens: 200_000, ...rates(6, 22.5) };

export const PRICES_SOURCE = "https://platform.claude.com/docs/en/about-claude/pricing (checked 2026-11-29)";

export const DEFAULT_PRICE_TABLE: PriceTable = {
  // current generation
  "claude-fable-5-1": rates(10, 50, 0.025),
  "claude-mythos-5-1": rates(10, 50, 0.025),
  "claude-opus-5-5": rates(4, 20, 0.05),
  "claude-sonnet-5-5": rates(2, 10, 0.05),
  "claude-haiku-5-5": { ...rates(0.1, 0.5), longPrompt: { aboveTokens: 100_000, ...rates(0.5, 2.5) } },
  // legacy, still served
  "claude-fable-5": rates(10, 50),
  "claude-mythos-5": rates(10, 50),
  "claude-opus-5": rates(5, 25),
  "claude-sonnet-5": rates(2, 10),
  "claude-opus-4-8": rates(5, 25),
  "claude-opus-4-7": rates(5, 25),
  "claude-opus-4-6": rates(5, 25),
  "claude-opus-4-5": rates(5, 25),
  "claude-opus-4-1": rates(15, 75),
  "claude-opus-4-0": rates(15, 75),
  "claude-opus-4": rates(15, 75),
  "claude-sonnet-4-6": { ...rates(3, 15), longPrompt: SONNET_4_LONG },
  "claude-sonnet-4-5": { ...rates(3, 15), longPrompt: SONNET_4_LONG },
  "claude-sonnet-4-0": { ...rates(3, 15), longPrompt: SONNET_4_LONG },
  "claude-sonnet-4": { ...rates(3, 15), longPrompt: SONNET_4_LONG },
  "claude-haiku-4-5": rates(1, 5),
  "claude-3-5-haiku": rates(0.8, 4),
  "claude-3-haiku": rates(0.25, 1.25, 0.12),
};
