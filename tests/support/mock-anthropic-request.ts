import type { IncomingHttpHeaders } from "node:http";

/** A Messages API request body, loosely typed: the mock inspects it, the real API validates it. */
export type MessagesBody = {
  model?: unknown;
  max_tokens?: unknown;
  stream?: unknown;
  system?: unknown;
  messages?: unknown;
  output_config?: { format?: { type?: unknown; schema?: { properties?: Record<string, unknown> } } | null; effort?: unknown } | null;
  [key: string]: unknown;
};

/** plan / work / synthesis, told apart by shape, not wording: the output schema and citations. */
export type RequestKind = "plan" | "work" | "synthesis" | "other";

type Block = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Content blocks of all user messages, in order (a string content counts as one text block). */
export function userBlocks(body: MessagesBody | undefined): Block[] {
  if (!body || !Array.isArray(body.messages)) return [];
  const blocks: Block[] = [];
  for (const m of body.messages) {
    if (!isRecord(m) || m.role !== "user") continue;
    if (typeof m.content === "string") blocks.push({ type: "text", text: m.content });
    else if (Array.isArray(m.content)) blocks.push(...m.content.filter(isRecord));
  }
  return blocks;
}

export function documentBlocks(body: MessagesBody | undefined): Block[] {
  return userBlocks(body).filter((b) => b.type === "document");
}

/** The text of the first plain-text document block ("" if none). */
export function documentText(body: MessagesBody | undefined): string {
  const source = documentBlocks(body)[0]?.source;
  return isRecord(source) && source.type === "text" && typeof source.data === "string" ? source.data : "";
}

export function documentTitle(body: MessagesBody | undefined): string | null {
  const title = documentBlocks(body)[0]?.title;
  return typeof title === "string" ? title : null;
}

/** All user text blocks joined (the instructions that follow the document). */
export function userText(body: MessagesBody | undefined): string {
  return userBlocks(body)
    .filter((b) => b.type === "text" && typeof b.text === "string")
    .map((b) => b.text as string)
    .join("\n\n");
}

export function citationsEnabled(body: MessagesBody | undefined): boolean {
  return documentBlocks(body).some((b) => isRecord(b.citations) && b.citations.enabled === true);
}

export function outputSchemaKeys(body: MessagesBody | undefined): string[] {
  const props = body?.output_config?.format?.schema?.properties;
  return isRecord(props) ? Object.keys(props) : [];
}

export function classifyRequest(body: MessagesBody | undefined): RequestKind {
  const keys = outputSchemaKeys(body);
  if (keys.includes("tasks")) return "plan";
  if (keys.includes("findings")) return "work";
  if (citationsEnabled(body) && keys.length === 0) return "synthesis";
  return "other";
}

/**
 * The checks the real API makes that Foreman's code could trip; returns the error message, or
 * undefined if the request is acceptable. Not a full validator.
 */
export function validateRequest(body: MessagesBody | undefined, headers: IncomingHttpHeaders): string | undefined {
  if (!headers["anthropic-version"]) return "anthropic-version: header is required";
  if (!body || !isRecord(body)) return "Request body must be a JSON object";
  if (typeof body.model !== "string" || !body.model) return "model: Field required";
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens) || body.max_tokens < 0) {
    return "max_tokens: Field required";
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: at least one message is required";
  const format = body.output_config?.format;
  if (format && citationsEnabled(body)) {
    return "Citations are not supported with structured outputs: remove output_config.format or disable citations.";
  }
  if (format && (format.type !== "json_schema" || !isRecord(format.schema))) {
    return "output_config.format: expected {type: 'json_schema', schema: {...}}";
  }
  for (const doc of documentBlocks(body)) {
    const source = doc.source;
    if (!isRecord(source)) return "document.source: Field required";
    if (source.type === "text" && (source.media_type !== "text/plain" || typeof source.data !== "string" || !source.data)) {
      return "document.source: a text source needs media_type 'text/plain' and non-empty data";
    }
    const cache = doc.cache_control;
    if (cache !== undefined && cache !== null && !(isRecord(cache) && cache.type === "ephemeral")) {
      return "cache_control.type: Input should be 'ephemeral'";
    }
  }
  return undefined;
}
