import type Anthropic from "@anthropic-ai/sdk";
import type { InputSizeCheck } from "../../engine/model-port";
import type { Document } from "../../documents/document";
import { withApiRetries } from "./api-retry";
import { DEFAULT_MAX_MODEL_CALLS, DEFAULT_RETRY_BUDGET_MS, type ClaudeConfig } from "./config";
import { toForemanErrorAt } from "./errors";
import { modelFacts } from "./models";
import { processModelCallLimiter, REAL_CLOCK } from "./process-limiter";
import { documentTurn, SYSTEM_PROMPT } from "./prompt-shared";

/**
 * Characters per token assumed when the server cannot count (English prose runs about 4; code and
 * non-Latin text fewer). 3 over-estimates, so a document that does not fit is refused, not sent.
 */
const CHARS_PER_TOKEN_ESTIMATE = 3;

/**
 * Asks the API how many tokens the shared prefix (system prompt + document) takes, before spending
 * any. Goes through the same limiter and 429/529 retries as every call. A Messages-compatible
 * server without the endpoint (404) gets an estimate from the text length instead of a failed run.
 * The context window is the smallest of the three roles' models: every call must fit.
 */
export async function countInputTokens(
  deps: { client: Anthropic; config: ClaudeConfig },
  input: { document: Document; signal: AbortSignal },
): Promise<InputSizeCheck> {
  const { config } = deps;
  const clock = config.clock ?? REAL_CLOCK;
  const model = config.models.orchestrator;
  const contextWindow = Math.min(...Object.values(config.models).map((m) => modelFacts(m).contextWindow));
  const counted = await withApiRetries(
    {
      model,
      call: "count tokens",
      limiter: config.limiter ?? processModelCallLimiter(DEFAULT_MAX_MODEL_CALLS),
      clock,
      budgetMs: config.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS,
      signal: input.signal,
    },
    async () => {
      try {
        const result = await deps.client.messages.countTokens(
          {
            model,
            system: SYSTEM_PROMPT,
            messages: documentTurn(input.document, { citations: false, cache: false }, "Analyse the document."),
          },
          { signal: input.signal },
        );
        return result.input_tokens;
      } catch (error) {
        const failure = toForemanErrorAt(error, { call: "count tokens", signal: input.signal, streamStarted: false }, clock.now);
        if (failure.code === "model_bad_request" && isNotFound(error)) return undefined;
        throw failure;
      }
    },
  );
  const tokens = counted ?? Math.ceil((SYSTEM_PROMPT.length + input.document.text.length) / CHARS_PER_TOKEN_ESTIMATE);
  return { tokens, contextWindow };
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && (error as { status: unknown }).status === 404;
}
