import type { ModelPort } from "../../engine/model-port";
import { callExtend } from "./call-extend";
import { callPlan } from "./call-plan";
import { callSynthesize } from "./call-synthesize";
import { callWork } from "./call-work";
import { createAnthropicClient } from "./client";
import { countInputTokens } from "./count-tokens";
import type { ClaudeConfig } from "./config";
import { describeSynthesis, describeWork } from "./describe-calls";
import { isPricedModel } from "./pricing";

/**
 * The Claude implementation of the engine's ModelPort (DESIGN.md §2). Every method throws a
 * ForemanError on failure (retryable ones marked), and an aborted signal yields code "aborted"
 * (or the ForemanError the engine put in `signal.reason`, e.g. a task timeout).
 */
export function createClaudePort(config: ClaudeConfig): ModelPort {
  const deps = { client: createAnthropicClient(config), config };
  const unpriced = [...new Set(Object.values(config.models))].filter((model) => !isPricedModel(model, config.prices));
  return {
    backend: "claude",
    promptCache: true,
    models: { ...config.models },
    ...(unpriced.length > 0 ? { unpricedModels: unpriced } : {}),
    plan: (input) => callPlan(deps, input),
    work: (input) => callWork(deps, input),
    synthesize: (input) => callSynthesize(deps, input),
    extend: (input) => callExtend(deps, input),
    describeWork: (input) => describeWork(config, input),
    describeSynthesis: (input) => describeSynthesis(config, input),
    countInputTokens: (input) => countInputTokens(deps, input),
  };
}
