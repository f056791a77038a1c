import type Anthropic from "@anthropic-ai/sdk";
import { ForemanError } from "../../engine/errors";
import type { PlanInput, PlanResult } from "../../engine/model-port";
import { CUSTOM_WORKER } from "../../engine/plan";
import type { ClaudeConfig } from "./config";
import { createStringFieldExtractor } from "./partial-json";
import { planInstructions } from "./prompt-plan";
import { documentTurn, SYSTEM_PROMPT } from "./prompt-shared";
import { outputCeiling, thinkingParams } from "./request-params";
import { planFormat } from "./schemas";
import { cutShort, messageText, streamMessage, thinkingSummary } from "./stream-call";
import { toUsage } from "./usage";

/**
 * The orchestrator call. Structured output constrains the reply to planSchema's shape (workers
 * limited to the catalogue), but the plan is returned unvalidated: the engine validates it and
 * runs the single repair round. Adaptive thinking with the configured effort; the thinking
 * summary comes back as `reasoning`, never inside the plan. `onDelta` receives the plan's
 * `analysis` text as it streams.
 *
 * No cache breakpoint: nothing else sends this prefix (other model or output format than the
 * workers, citations off unlike the synthesis). Only a repair round would read it, and constrained
 * decoding makes that rare, so a cache write (1.25× input) would cost more than it saves.
 */
export async function callPlan(deps: { client: Anthropic; config: ClaudeConfig }, input: PlanInput): Promise<PlanResult> {
  const model = deps.config.models.orchestrator;
  const analysis = createStringFieldExtractor("analysis");
  const maxTokens = outputCeiling(deps.config, "orchestrator", model, input.maxTokens);
  const { thinking, effort } = thinkingParams(deps.config, "orchestrator", model);
  const message = await streamMessage({
    client: deps.client,
    config: deps.config,
    call: input.repair ? "plan repair" : "plan",
    signal: input.signal,
    ...(input.onWait ? { onWait: input.onWait } : {}),
    params: {
      model,
      max_tokens: maxTokens,
      system: SYSTEM_PROMPT,
      ...(thinking ? { thinking } : {}),
      messages: documentTurn(input.document, { citations: false, cache: false }, planInstructions(input)),
      output_config: { format: planFormat([...input.catalogue.map((w) => w.name), CUSTOM_WORKER]), ...(effort ? { effort } : {}) },
    },
    onText: (delta) => {
      const text = analysis.push(delta);
      if (text) input.onDelta(text);
    },
  });
  const usage = toUsage(model, message.usage, deps.config.prices);
  const cut = cutShort(message, usage, maxTokens);
  if (cut) return cut;
  const text = messageText(message);
  const reasoning = thinkingSummary(message);
  try {
    return { plan: JSON.parse(text) as unknown, usage, ...(reasoning ? { reasoning } : {}) };
  } catch (error) {
    throw new ForemanError("plan_malformed", "The orchestrator's plan is not valid JSON.", { cause: error, details: [text.slice(0, 500)], usage });
  }
}
