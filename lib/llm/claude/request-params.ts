import type { OutputConfig, ThinkingConfigParam } from "@anthropic-ai/sdk/resources/messages";
import { effortFor, maxTokensFor, type ClaudeConfig, type ClaudeRole } from "./config";
import { modelFacts } from "./models";

/**
 * Thinking and effort for one call. Current models think adaptively by default and take
 * `output_config.effort` (https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking,
 * https://platform.claude.com/docs/en/build-with-claude/effort); the newest Sonnet answers 400 to a
 * manual `thinking.budget_tokens` and to non-default temperature/top_p/top_k, so Foreman sends none
 * of those. The orchestrator asks for a summarised thinking block (shown in its panel). Legacy
 * models with extended thinking get neither parameter.
 */
export function thinkingParams(config: ClaudeConfig, role: ClaudeRole, model: string): { thinking?: ThinkingConfigParam; effort?: OutputConfig["effort"] } {
  if (modelFacts(model).thinking !== "adaptive") return {};
  const effort = effortFor(config, role);
  return {
    ...(role === "orchestrator" ? { thinking: { type: "adaptive", display: "summarized" } as const } : {}),
    ...(effort ? { effort } : {}),
  };
}

/** The call's output ceiling: the engine's override (after a cut), else the role's setting, never above the model's limit. */
export function outputCeiling(config: ClaudeConfig, role: ClaudeRole, model: string, override?: number): number {
  return Math.min(override ?? maxTokensFor(config, role), modelFacts(model).maxOutputTokens);
}
