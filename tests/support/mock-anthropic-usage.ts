import { createHash } from "node:crypto";
import { userBlocks, type MessagesBody } from "./mock-anthropic-request";

export type MockUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

/** About four characters per token: close enough for usage and cost plumbing. */
const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

/**
 * Simulates prompt caching as the API bills it: the prefix up to and including the first block with
 * `cache_control` (model, output format, system and the blocks before it are part of the key) is
 * written on first sight and read afterwards; `input_tokens` is only the uncached rest. Unlike the
 * real API there is no minimum cacheable length and no expiry. One simulator per mock server.
 */
export function createUsageSimulator(): (body: MessagesBody, output: { content: Array<{ text: string }>; usage?: Partial<MockUsage> }) => MockUsage {
  const cached = new Set<string>();
  return (body, output) => {
    const blocks = userBlocks(body);
    const breakpoint = blocks.findIndex((b) => b.cache_control !== undefined && b.cache_control !== null);
    const total = JSON.stringify(body.system ?? "").length + JSON.stringify(body.messages ?? []).length;
    let prefixChars = 0;
    let cacheCreation = 0;
    let cacheRead = 0;
    if (breakpoint >= 0) {
      const prefix = JSON.stringify([body.model, body.output_config ?? null, body.system ?? null, blocks.slice(0, breakpoint + 1)]);
      prefixChars = JSON.stringify(body.system ?? "").length + JSON.stringify(blocks.slice(0, breakpoint + 1)).length;
      const key = createHash("sha256").update(prefix).digest("hex");
      if (cached.has(key)) cacheRead = tokens(prefixChars);
      else {
        cached.add(key);
        cacheCreation = tokens(prefixChars);
      }
    }
    const outputChars = output.content.reduce((n, b) => n + b.text.length, 0);
    return {
      input_tokens: tokens(Math.max(0, total - prefixChars)),
      output_tokens: tokens(outputChars),
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: cacheRead,
      ...output.usage,
    };
  };
}
