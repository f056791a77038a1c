import type Anthropic from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { toForemanError } from "./errors";

export type StreamCallInput = {
  client: Anthropic;
  /** The request body; `stream` is set by the SDK helper. */
  params: MessageCreateParamsNonStreaming;
  signal: AbortSignal;
  /** Label for error messages ("plan", "worker key-facts", "synthesis"). */
  call: string;
  /** Every text delta, in order. */
  onText: (delta: string) => void;
};

/**
 * Runs one streamed Messages call (`client.messages.stream`) and resolves with the final message,
 * or rejects with a ForemanError. A stream is complete only if `message_stop` arrived: the SDK
 * otherwise rejects with a generic error (or, for a clean early EOF, "stream ended without
 * producing a Message"), which we report as `model_stream_dropped` so the engine retries it.
 */
export async function streamMessage(input: StreamCallInput): Promise<Message> {
  const { signal, call } = input;
  let streamStarted = false;
  let stopped = false;
  let callbackError: { error: unknown } | undefined;

  if (signal.aborted) throw toForemanError(signal.reason, { signal, streamStarted, call });
  const stream = input.client.messages.stream(input.params, { signal });
  stream.on("connect", () => {
    streamStarted = true;
  });
  stream.on("streamEvent", (event) => {
    if (event.type === "message_stop") stopped = true;
  });
  stream.on("text", (delta) => {
    if (callbackError) return;
    try {
      input.onText(delta);
    } catch (error) {
      // A failing sink is the engine's bug, not the model's: stop the call and rethrow it as-is.
      callbackError = { error };
      stream.abort();
    }
  });

  try {
    const message = await stream.finalMessage();
    if (callbackError) throw callbackError.error;
    if (!stopped) throw new Error("the stream ended without message_stop");
    return message;
  } catch (error) {
    if (callbackError) throw callbackError.error;
    throw toForemanError(error, { signal, streamStarted, call });
  }
}

/**
 * The reply's text. Blocks are concatenated without separators: with citations the API splits one
 * answer into several text blocks at citation boundaries, and each block carries its own spacing.
 */
export function messageText(message: Message): string {
  let text = "";
  for (const block of message.content) if (block.type === "text") text += block.text;
  return text;
}
