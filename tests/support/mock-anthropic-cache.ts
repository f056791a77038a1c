import { createHash } from "node:crypto";
import { userBlocks, type MessagesBody } from "./mock-anthropic-request";

export type MockUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

/** About four characters per token: close enough for usage, limits and cost plumbing. */
export const tokensOf = (chars: number) => Math.max(1, Math.ceil(chars / 4));

/** The prompt's size in tokens as the mock counts it (system + messages). */
export function promptTokens(body: MessagesBody): number {
  return tokensOf(JSON.stringify(body.system ?? "").length + JSON.stringify(body.messages ?? []).length);
}

/** 5-minute cache entries (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching). */
const TTL_MS = 5 * 60_000;

export type CacheLookup = {
  /** Prompt tokens written to / read from the cache, and the uncached rest. */
  cacheCreation: number;
  cacheRead: number;
  uncached: number;
  /** Call when the answer has begun (message_start sent): a written entry becomes readable then. */
  begin(): void;
};

/**
 * Prompt caching as the API documents it: the cache key is the exact prefix — model, output
 * format, system and the blocks up to the (last) block with `cache_control`. The first request
 * writes it; "the prefix is cached once the response begins", so a request arriving before the
 * writing answer started streaming writes again (and pays again). Entries live 5 minutes on the
 * mock's clock, refreshed by every read. No minimum cacheable length (unlike the API).
 */
export function createPromptCache(now: () => number) {
  const entries = new Map<string, { readableAt: number | undefined; expiresAt: number }>();
  return {
    lookup(body: MessagesBody): CacheLookup {
      const total = promptTokens(body);
      const blocks = userBlocks(body);
      let breakpoint = -1;
      blocks.forEach((b, i) => {
        if (b.cache_control !== undefined && b.cache_control !== null) breakpoint = i;
      });
      if (breakpoint < 0) return { cacheCreation: 0, cacheRead: 0, uncached: total, begin: () => {} };
      const prefix = JSON.stringify([body.model, body.output_config?.format ?? null, body.system ?? null, blocks.slice(0, breakpoint + 1)]);
      const prefixTokens = Math.min(total, tokensOf(JSON.stringify(body.system ?? "").length + JSON.stringify(blocks.slice(0, breakpoint + 1)).length));
      const key = createHash("sha256").update(prefix).digest("hex");
      const entry = entries.get(key);
      const t = now();
      if (entry && entry.readableAt !== undefined && entry.readableAt <= t && entry.expiresAt > t) {
        entry.expiresAt = t + TTL_MS;
        return { cacheCreation: 0, cacheRead: prefixTokens, uncached: total - prefixTokens, begin: () => {} };
      }
      const written = { readableAt: undefined as number | undefined, expiresAt: Number.POSITIVE_INFINITY };
      if (!entry || entry.readableAt !== undefined) entries.set(key, written);
      const target = entries.get(key) ?? written;
      return {
        cacheCreation: prefixTokens,
        cacheRead: 0,
        uncached: total - prefixTokens,
        begin: () => {
          const at = now();
          if (target.readableAt === undefined) target.readableAt = at;
          target.expiresAt = at + TTL_MS;
        },
      };
    },
  };
}
