import type Anthropic from "@anthropic-ai/sdk";
import { ForemanError } from "../../engine/errors";
import type { WorkInput, WorkResult } from "../../engine/model-port";
import type { ClaudeConfig } from "./config";
import { createStringFieldExtractor } from "./partial-json";
import { documentTurn, SYSTEM_PROMPT } from "./prompt-shared";
import { workInstructions } from "./prompt-work";
import { outputCeiling, thinkingParams } from "./request-params";
import { WORKER_FORMAT, workerResponseSchema } from "./schemas";
import { cutShort, messageText, streamMessage } from "./stream-call";
import { toUsage } from "./usage";

/**
 * One worker call. The reply is structured output (workerResponseSchema); while it streams, the
 * `result` field is decoded incrementally and forwarded to `onDelta`. Findings come back with
 * verbatim quotes and no spans: the engine locates each quote in the document. A reply cut at
 * `max_tokens` or refused comes back as the engine's `CutShort` (it decides what to do).
 *
 * Cache breakpoint on the document when `sharedPrefix` (other workers of the run send the same
 * system prompt + document to the same model with the same format): the first worker writes the
 * entry, the rest — and any re-run of a task within 5 minutes — read it at a tenth of the price.
 */
export async function callWork(deps: { client: Anthropic; config: ClaudeConfig }, input: WorkInput): Promise<WorkResult> {
  const model = deps.config.models.worker;
  const result = createStringFieldExtractor("result");
  const call = `worker ${input.worker.name} (task ${input.task.id})`;
  const maxTokens = outputCeiling(deps.config, "worker", model, input.maxTokens);
  const { effort } = thinkingParams(deps.config, "worker", model);
  const message = await streamMessage({
    client: deps.client,
    config: deps.config,
    call,
    signal: input.signal,
    ...(input.onWait ? { onWait: input.onWait } : {}),
    ...(input.onStarted ? { onStarted: input.onStarted } : {}),
    params: {
      model,
      max_tokens: maxTokens,
      system: SYSTEM_PROMPT,
      messages: documentTurn(input.document, { citations: false, cache: input.sharedPrefix ?? true }, workInstructions(input)),
      output_config: { format: WORKER_FORMAT, ...(effort ? { effort } : {}) },
    },
    onText: (delta) => {
      const text = result.push(delta);
      if (text) input.onDelta(text);
    },
  });
  const usage = toUsage(model, message.usage, deps.config.prices);
  const cut = cutShort(message, usage, maxTokens);
  if (cut) return cut;
  const text = messageText(message);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ForemanError("model_output_invalid", `The ${call} reply is not valid JSON.`, { cause: error, details: [text.slice(0, 500)], usage });
  }
  const parsed = workerResponseSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ForemanError("model_output_invalid", `The ${call} reply does not match the output schema.`, { cause: parsed.error, details, usage });
  }
  return { ...parsed.data, usage };
}
