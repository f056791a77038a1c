import type Anthropic from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import type { CutShort } from "../../engine/model-port";
import type { Usage } from "../../engine/usage";
import { withApiRetries } from "./api-retry";
import { REAL_CLOCK, processModelCallLimiter } from "./process-limiter";
import { DEFAULT_MAX_MODEL_CALLS, DEFAULT_RETRY_BUDGET_MS, type ClaudeConfig } from "./config";
import { toForemanErrorAt } from "./errors";
import { modelFacts } from "./models";
import type { OnModelWait } from "../../engine/model-port";

export type StreamCallInput = {
  client: Anthropic;
  config: ClaudeConfig;
  /** The request body; `stream` is set by the SDK helper. */
  params: MessageCreateParamsNonStreaming;
  signal: AbortSignal;
  /** Label for error messages ("plan", "worker key-facts", "synthesis"). */
  call: string;
  /** Every text delta, in order (thinking is never passed on). */
  onText: (delta: string) => void;
  onWait?: OnModelWait;
  /** Once `message_start` arrived: the answer has begun (the prompt cache entry is readable). */
  onStarted?: () => void;
};

/**
 * Runs one streamed Messages call (`client.messages.stream`) through the process-wide limiter and
 * the 429/529 retry loop, and resolves with the final message, or rejects with a ForemanError. A
 * stream is complete only if `message_stop` arrived: the SDK otherwise rejects with a generic error
 * (or, for a clean early EOF, "stream ended without producing a Message"), which we report as
 * `model_stream_dropped` so the engine retries it.
 */
export async function streamMessage(input: StreamCallInput): Promise<Message> {
  const { config } = input;
  const clock = config.clock ?? REAL_CLOCK;
  return withApiRetries(
    {
      model: input.params.model,
      call: input.call,
      limiter: config.limiter ?? processModelCallLimiter(DEFAULT_MAX_MODEL_CALLS),
      clock,
      budgetMs: config.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS,
      signal: input.signal,
      ...(input.onWait ? { onWait: input.onWait } : {}),
    },
    () => streamOnce(input, clock.now),
  );
}

async function streamOnce(input: StreamCallInput, now: () => number): Promise<Message> {
  const { signal, call } = input;
  let streamStarted = false;
  let stopped = false;
  let callbackError: { error: unknown } | undefined;

  if (signal.aborted) throw toForemanErrorAt(signal.reason, { signal, streamStarted, call }, now);
  const stream = input.client.messages.stream(input.params, { signal });
  stream.on("connect", () => {
    streamStarted = true;
  });
  stream.on("streamEvent", (event) => {
    if (event.type === "message_start") guard(() => input.onStarted?.());
    if (event.type === "message_stop") stopped = true;
  });
  stream.on("text", (delta) => guard(() => input.onText(delta)));

  function guard(fn: () => void): void {
    if (callbackError) return;
    try {
      fn();
    } catch (error) {
      // A failing sink is the engine's bug, not the model's: stop the call and rethrow it as-is.
      callbackError = { error };
      stream.abort();
    }
  }

  try {
    const message = await stream.finalMessage();
    if (callbackError) throw callbackError.error;
    if (!stopped) throw new Error("the stream ended without message_stop");
    return message;
  } catch (error) {
    if (callbackError) throw callbackError.error;
    throw toForemanErrorAt(error, { signal, streamStarted, call }, now);
  }
}

/**
 * The reply's text: every `text` block, read by type (a `thinking` block comes first on current
 * models and is never part of a result). Blocks are concatenated without separators: with
 * citations the API splits one answer into several text blocks, each carrying its own spacing.
 */
export function messageText(message: Message): string {
  let text = "";
  for (const block of message.content) if (block.type === "text") text += block.text;
  return text;
}

/** The thinking summary the API returned, if any (adaptive thinking; empty when omitted). */
export function thinkingSummary(message: Message): string | undefined {
  const parts: string[] = [];
  for (const block of message.content) if (block.type === "thinking" && block.thinking.trim()) parts.push(block.thinking.trim());
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/**
 * A message that did not finish, as the engine's `CutShort` (DESIGN §7), or undefined when it
 * ended normally. `refusal`: the API's `stop_details` explanation
 * (https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons).
 */
export function cutShort(message: Message, usage: Usage, maxTokens: number): CutShort | undefined {
  const reason = message.stop_reason;
  if (reason !== "max_tokens" && reason !== "refusal" && reason !== "model_context_window_exceeded") return undefined;
  const modelMaxTokens = modelFacts(message.model).maxOutputTokens;
  if (reason === "refusal") {
    const explanation = refusalExplanation(message);
    return { finishReason: "refusal", usage, maxTokens, modelMaxTokens, ...(explanation ? { refusal: explanation } : {}) };
  }
  // The context window ran out while writing: more output room cannot help.
  return { finishReason: "max_tokens", usage, maxTokens, modelMaxTokens: reason === "max_tokens" ? modelMaxTokens : maxTokens };
}

function refusalExplanation(message: Message): string | undefined {
  const details: unknown = message.stop_details;
  if (typeof details !== "object" || details === null) return undefined;
  const record = details as Record<string, unknown>;
  const parts = [record.explanation, record.category].filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return parts.length > 0 ? parts.join(" — ") : undefined;
}
