import type { MockCitation, MockReply, MockTextBlock } from "./mock-anthropic";

type MessageReply = Extract<MockReply, { type: "message" }>;
type Extras = Omit<MessageReply, "type" | "content">;

/** A plain text reply (one text block). */
export function textReply(text: string, extras: Extras = {}): MessageReply {
  return { type: "message", content: [{ type: "text", text }], ...extras };
}

/** A structured-output reply: the JSON as the text of one block, as the API returns it. */
export function jsonReply(value: unknown, extras: Extras = {}): MessageReply {
  return textReply(JSON.stringify(value), extras);
}

/** A reply made of several text blocks, some carrying citations (how the API returns cited text). */
export function blocksReply(content: MockTextBlock[], extras: Extras = {}): MessageReply {
  return { type: "message", content, ...extras };
}

export function errorReply(status: number, errorType: string, message: string, headers?: Record<string, string>): MockReply {
  return { type: "error", status, errorType, message, ...(headers ? { headers } : {}) };
}

export const rateLimited = (retryAfterSeconds: number): MockReply =>
  errorReply(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", {
    "retry-after": String(retryAfterSeconds),
  });
export const overloaded = (): MockReply => errorReply(529, "overloaded_error", "Overloaded");
export const serverError = (): MockReply => errorReply(500, "api_error", "Internal server error");

/** A char_location citation of `quote` in `text` (JS string indices), or undefined if absent. */
export function citationOf(text: string, quote: string, title: string | null = null): MockCitation | undefined {
  const start = text.indexOf(quote);
  if (start === -1) return undefined;
  return {
    type: "char_location",
    cited_text: quote,
    document_index: 0,
    document_title: title,
    start_char_index: start,
    end_char_index: start + quote.length,
  };
}
