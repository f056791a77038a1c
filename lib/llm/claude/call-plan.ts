import type Anthropic from "@anthropic-ai/sdk";
import { ForemanError } from "../../engine/errors";
import type { PlanInput, PlanOutput } from "../../engine/model-port";
import { maxTokensFor, type ClaudeConfig } from "./config";
import { createStringFieldExtractor } from "./partial-json";
import { planInstructions } from "./prompt-plan";
import { documentBlock, SYSTEM_PROMPT } from "./prompt-shared";
import { PLAN_FORMAT } from "./schemas";
import { messageText, streamMessage } from "./stream-call";
import { toUsage } from "./usage";

/**
 * The orchestrator call. Structured output constrains the reply to planSchema's shape, but the
 * plan is returned unvalidated: the engine validates it (structure and semantics) and runs the
 * single repair round, feeding the errors back through `input.repair`.
 * `onDelta` receives the plan's `analysis` text as it streams (the rest is JSON for the engine).
 */
export async function callPlan(deps: { client: Anthropic; config: ClaudeConfig }, input: PlanInput): Promise<PlanOutput> {
  const model = deps.config.models.orchestrator;
  const analysis = createStringFieldExtractor("analysis");
  const message = await streamMessage({
    client: deps.client,
    call: input.repair ? "plan repair" : "plan",
    signal: input.signal,
    params: {
      model,
      max_tokens: maxTokensFor(deps.config, "orchestrator"),
      system: SYSTEM_PROMPT,
      messages: [
        {
          role: "user",
          content: [documentBlock(input.document, { citations: false }), { type: "text", text: planInstructions(input) }],
        },
      ],
      output_config: { format: PLAN_FORMAT },
    },
    onText: (delta) => {
      const text = analysis.push(delta);
      if (text) input.onDelta(text);
    },
  });
  const text = messageText(message);
  try {
    return { plan: JSON.parse(text) as unknown, usage: toUsage(model, message.usage) };
  } catch (error) {
    const why =
      message.stop_reason === "max_tokens"
        ? " It was cut off at the output token limit."
        : message.stop_reason === "refusal"
          ? " The model declined to answer."
          : "";
    throw new ForemanError("plan_malformed", `The orchestrator's plan is not valid JSON.${why}`, {
      cause: error,
      details: [text.slice(0, 500)],
    });
  }
}
