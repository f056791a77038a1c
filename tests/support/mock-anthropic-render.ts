import { tokensOf, type createPromptCache, type MockUsage } from "./mock-anthropic-cache";
import type { MockReply, MockTextBlock } from "./mock-anthropic";
import { thinkingDisplayed } from "./mock-anthropic-models";
import type { MessagesBody } from "./mock-anthropic-request";

/** How the mock turns a scripted reply into the API's answer (JSON or SSE frames). */
export type Rendered = {
  body: MessagesBody;
  reply: Extract<MockReply, { type: "message" }>;
  id: string;
  /** The answer as sent: optional thinking block, then the text blocks (cut at max_tokens). */
  thinking: { text: string } | undefined;
  content: MockTextBlock[];
  stopReason: string;
  usage: MockUsage;
  /** The cache entry this answer writes becomes readable (called as the answer begins). */
  begin: () => void;
};

const DEFAULT_THINKING = "I read the request and the document and worked out the answer.";

/**
 * Builds the answer the API would send: thinking first on adaptive models, then the text, cut
 * where `max_tokens` (thinking included) runs out — mid-word, as the real API cuts.
 */
export function render(body: MessagesBody, reply: Rendered["reply"], cached: ReturnType<ReturnType<typeof createPromptCache>["lookup"]>, thinking: boolean, id: string): Rendered {
  const maxTokens = body.max_tokens as number;
  const thinkingTokens = thinking ? Math.min(maxTokens, reply.thinkingTokens ?? 64) : 0;
  let budgetChars = (maxTokens - thinkingTokens) * 4;
  let cut = false;
  const content: MockTextBlock[] = [];
  for (const block of reply.content) {
    if (budgetChars <= 0) {
      cut = true;
      break;
    }
    if (block.text.length > budgetChars) {
      content.push({ type: "text", text: block.text.slice(0, budgetChars) });
      cut = true;
      break;
    }
    content.push(block);
    budgetChars -= block.text.length;
  }
  const outputChars = content.reduce((n, b) => n + b.text.length, 0);
  const usage: MockUsage = {
    input_tokens: cached.uncached,
    output_tokens: thinkingTokens + (outputChars > 0 ? tokensOf(outputChars) : 0),
    cache_creation_input_tokens: cached.cacheCreation,
    cache_read_input_tokens: cached.cacheRead,
    ...reply.usage,
  };
  return {
    body,
    reply,
    id,
    thinking: thinking ? { text: thinkingDisplayed(body) ? (reply.thinking ?? DEFAULT_THINKING) : "" } : undefined,
    content,
    stopReason: cut ? "max_tokens" : (reply.stopReason ?? "end_turn"),
    usage,
    begin: cached.begin,
  };
}

export function messageJson(r: Rendered): unknown {
  const thinking = r.thinking ? [{ type: "thinking", thinking: r.thinking.text, signature: "sig_mock" }] : [];
  return {
    id: r.id,
    type: "message",
    role: "assistant",
    model: r.body.model,
    content: [...thinking, ...r.content.map((b) => ({ type: "text", text: b.text, citations: b.citations ?? null }))],
    stop_reason: r.stopReason,
    stop_sequence: null,
    stop_details: r.stopReason === "refusal" ? (r.reply.stopDetails ?? { type: "refusal", category: null, explanation: null }) : null,
    usage: r.usage,
  };
}

/** The SSE event sequence of a streamed Messages reply, as the API sends it. */
export function sseFrames(r: Rendered): Array<[event: string, data: unknown]> {
  const frames: Array<[string, unknown]> = [];
  const start = { ...(messageJson(r) as Record<string, unknown>), content: [], stop_reason: null, stop_details: null, usage: { ...r.usage, output_tokens: 1 } };
  frames.push(["message_start", { type: "message_start", message: start }], ["ping", { type: "ping" }]);
  const size = Math.max(1, r.reply.chunkSize ?? 24);
  let index = 0;
  if (r.thinking) {
    frames.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } }]);
    for (let i = 0; i < r.thinking.text.length; i += size) {
      frames.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: r.thinking.text.slice(i, i + size) } }]);
    }
    frames.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "signature_delta", signature: "sig_mock" } }]);
    frames.push(["content_block_stop", { type: "content_block_stop", index }]);
    index++;
  }
  for (const block of r.content) {
    const cited = block.citations !== undefined;
    const contentBlock = { type: "text", text: "", ...(cited ? { citations: [] } : {}) };
    frames.push(["content_block_start", { type: "content_block_start", index, content_block: contentBlock }]);
    for (let i = 0; i < block.text.length; i += size) {
      const text = block.text.slice(i, i + size);
      frames.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text } }]);
    }
    for (const citation of block.citations ?? []) {
      frames.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "citations_delta", citation } }]);
    }
    frames.push(["content_block_stop", { type: "content_block_stop", index }]);
    index++;
  }
  const json = messageJson(r) as { stop_details: unknown };
  const delta = { stop_reason: r.stopReason, stop_sequence: null, stop_details: json.stop_details };
  frames.push(["message_delta", { type: "message_delta", delta, usage: { output_tokens: r.usage.output_tokens } }]);
  frames.push(["message_stop", { type: "message_stop" }]);
  return frames;
}

