import type Anthropic from "@anthropic-ai/sdk";
import { ForemanError } from "../../engine/errors";
import type { WorkInput, WorkOutput } from "../../engine/model-port";
import { maxTokensFor, type ClaudeConfig } from "./config";
import { createStringFieldExtractor } from "./partial-json";
import { documentBlock, SYSTEM_PROMPT } from "./prompt-shared";
import { workInstructions } from "./prompt-work";
import { WORKER_FORMAT, workerResponseSchema } from "./schemas";
import { messageText, streamMessage } from "./stream-call";
import { toUsage } from "./usage";

/**
 * One worker call. The reply is structured output (workerResponseSchema); while it streams, the
 * `result` field is decoded incrementally and forwarded to `onDelta`. Findings come back with
 * verbatim quotes and no spans: the engine locates each quote in the document.
 */
export async function callWork(deps: { client: Anthropic; config: ClaudeConfig }, input: WorkInput): Promise<WorkOutput> {
  const model = deps.config.models.worker;
  const result = createStringFieldExtractor("result");
  const call = `worker ${input.worker.name} (task ${input.task.id})`;
  const message = await streamMessage({
    client: deps.client,
    call,
    signal: input.signal,
    params: {
      model,
      max_tokens: maxTokensFor(deps.config, "worker"),
      system: SYSTEM_PROMPT,
      messages: [
        {
          role: "user",
          content: [documentBlock(input.document, { citations: false }), { type: "text", text: workInstructions(input) }],
        },
      ],
      output_config: { format: WORKER_FORMAT },
    },
    onText: (delta) => {
      const text = result.push(delta);
      if (text) input.onDelta(text);
    },
  });
  const usage = toUsage(model, message.usage);
  const text = messageText(message);
  const cutOff = message.stop_reason === "max_tokens" ? " (cut off at the output token limit)" : "";
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ForemanError("model_output_invalid", `The ${call} reply is not valid JSON${cutOff}.`, {
      cause: error,
      details: [text.slice(0, 500)],
    });
  }
  const parsed = workerResponseSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ForemanError("model_output_invalid", `The ${call} reply does not match the output schema${cutOff}.`, {
      cause: parsed.error,
      details,
    });
  }
  return { ...parsed.data, usage };
}
