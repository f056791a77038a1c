/**
 * What Foreman needs to know about each Claude model, as data. Sources (read 2026-11-29):
 * - Models overview: https://platform.claude.com/docs/en/about-claude/models/overview
 * - Claude Sonnet 5.5: https://platform.claude.com/docs/en/models/sonnet-5-5/overview (1M context,
 *   128K output, adaptive thinking, default effort high)
 * - Claude Sonnet 5: https://platform.claude.com/docs/en/models/sonnet-5/overview ("manual extended
 *   thinking now returns a 400 error … setting sampling parameters (temperature, top_p, top_k) to
 *   non-default values returns a 400 error"; Sonnet 5.5 keeps both rules)
 * - Claude Haiku 5.5: https://apidog.com/blog/how-to-use-claude-haiku-5-5-api/ and the overview table
 *   (1M context, 128K output, adaptive thinking, effort low…max, default medium)
 * - Legacy rows (Sonnet 4.x, Haiku 4.5: 200K context, 64K output, extended thinking):
 *   https://platform.claude.com/docs/en/about-claude/models/overview
 * The SDK's own `Model` union (node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts)
 * names the same ids.
 */
export type ThinkingStyle = "adaptive" | "extended";

export type ModelFacts = {
  /** Prompt tokens the model reads at most. */
  contextWindow: number;
  /** The highest `max_tokens` the API accepts for this model. */
  maxOutputTokens: number;
  /** adaptive: `thinking: {type: "adaptive"}` + `output_config.effort`; extended: manual budgets only. */
  thinking: ThinkingStyle;
  /** The API answers 400 to `thinking.budget_tokens` and to non-default temperature/top_p/top_k. */
  strictSampling: boolean;
};

const CURRENT: ModelFacts = { contextWindow: 1_000_000, maxOutputTokens: 128_000, thinking: "adaptive", strictSampling: true };
const ADAPTIVE_1M: ModelFacts = { contextWindow: 1_000_000, maxOutputTokens: 128_000, thinking: "adaptive", strictSampling: false };
const LEGACY_4: ModelFacts = { contextWindow: 200_000, maxOutputTokens: 64_000, thinking: "extended", strictSampling: false };

/** Longest matching prefix wins, so "claude-sonnet-5-5" is not read as "claude-sonnet-5". */
const MODEL_FACTS: ReadonlyArray<readonly [prefix: string, facts: ModelFacts]> = [
  ["claude-fable-5", ADAPTIVE_1M],
  ["claude-mythos-5", ADAPTIVE_1M],
  ["claude-opus-5", ADAPTIVE_1M],
  ["claude-sonnet-5", CURRENT],
  ["claude-haiku-5", ADAPTIVE_1M],
  ["claude-opus-4", LEGACY_4],
  ["claude-sonnet-4", LEGACY_4],
  ["claude-haiku-4", LEGACY_4],
];

/** For a model we know nothing about: the conservative common ground of every current model. */
export const UNKNOWN_MODEL_FACTS: ModelFacts = { contextWindow: 200_000, maxOutputTokens: 64_000, thinking: "extended", strictSampling: false };

export function modelFacts(model: string): ModelFacts {
  let best: readonly [string, ModelFacts] | undefined;
  for (const entry of MODEL_FACTS) {
    if (model.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : UNKNOWN_MODEL_FACTS;
}
