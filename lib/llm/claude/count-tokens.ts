import type Anthropic from "@anthropic-ai/sdk";
import type { InputSizeCheck } from "../../engine/model-port";
import type { Document } from "../../documents/document";
import type { ClaudeConfig } from "./config";
import { toForemanError } from "./errors";
import { documentBlock, SYSTEM_PROMPT } from "./prompt-shared";

/** Every current Claude model reads at least this much; the engine keeps room for instructions and output. */
export const CONTEXT_WINDOW_TOKENS = 200_000;

/** Asks the API how many tokens the shared prefix (system prompt + document) takes, before spending any. */
export async function countInputTokens(
  deps: { client: Anthropic; config: ClaudeConfig },
  input: { document: Document; signal: AbortSignal },
): Promise<InputSizeCheck> {
  try {
    const counted = await deps.client.messages.countTokens(
      {
        model: deps.config.models.orchestrator,
        system: SYSTEM_PROMPT,
        messages: [{ role: "user", content: [documentBlock(input.document, { citations: false }), { type: "text", text: "Analyse the document." }] }],
      },
      { signal: input.signal },
    );
    return { tokens: counted.input_tokens, contextWindow: CONTEXT_WINDOW_TOKENS };
  } catch (error) {
    throw toForemanError(error, { call: "count tokens", signal: input.signal, streamStarted: false });
  }
}
