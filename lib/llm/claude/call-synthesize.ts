import type Anthropic from "@anthropic-ai/sdk";
import type { Message, TextCitation } from "@anthropic-ai/sdk/resources/messages";
import { pageAt, type Document } from "../../documents/document";
import type { Citation } from "../../engine/findings";
import type { SynthesisInput, SynthesisResult } from "../../engine/model-port";
import type { ClaudeConfig } from "./config";
import { documentTurn, SYSTEM_PROMPT } from "./prompt-shared";
import { synthesisInstructions } from "./prompt-synthesis";
import { outputCeiling, thinkingParams } from "./request-params";
import { cutShort, messageText, streamMessage } from "./stream-call";
import { toUsage } from "./usage";

/**
 * The report call: free Markdown with the API's native citations on the document block. It never
 * sends `output_config.format` — the API rejects citations combined with structured output (400).
 * `finishReason: "max_tokens"` returns the text so far (the engine marks the report incomplete);
 * a refusal returns the engine's `CutShort`.
 *
 * No cache breakpoint: the synthesis prefix (citations on) is sent once per round. A re-run of a
 * task re-runs the synthesis too, but usually minutes later and rarely; a 1.25× write on every
 * run would cost more than those reads save (bench/cache.ts measures both).
 */
export async function callSynthesize(
  deps: { client: Anthropic; config: ClaudeConfig },
  input: SynthesisInput,
): Promise<SynthesisResult> {
  const model = deps.config.models.synthesis;
  const maxTokens = outputCeiling(deps.config, "synthesis", model);
  const { effort } = thinkingParams(deps.config, "synthesis", model);
  const message = await streamMessage({
    client: deps.client,
    config: deps.config,
    call: "synthesis",
    signal: input.signal,
    ...(input.onWait ? { onWait: input.onWait } : {}),
    params: {
      model,
      max_tokens: maxTokens,
      system: SYSTEM_PROMPT,
      messages: documentTurn(input.document, { citations: true, cache: false }, synthesisInstructions(input)),
      ...(effort ? { output_config: { effort } } : {}),
    },
    onText: input.onDelta,
  });
  const usage = toUsage(model, message.usage, deps.config.prices);
  const cut = cutShort(message, usage, maxTokens);
  if (cut?.finishReason === "refusal") return { ...cut, finishReason: "refusal" };
  return {
    ...(cut ? { finishReason: "max_tokens" as const } : {}),
    text: messageText(message),
    citations: collectCitations(message, input.document),
    usage,
  };
}

/** Character-location citations from every text block, de-duplicated, in order of appearance. */
export function collectCitations(message: Message, document: Document): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const block of message.content) {
    if (block.type !== "text") continue;
    for (const c of block.citations ?? []) {
      const citation = toCitation(c, document);
      if (!citation) continue;
      const key = `${citation.start}:${citation.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(citation);
    }
  }
  return out;
}

function toCitation(c: TextCitation, document: Document): Citation | undefined {
  if (c.type !== "char_location" || c.document_index !== 0) return undefined;
  const span = resolveSpan(document.text, c.start_char_index, c.end_char_index, c.cited_text);
  const page = pageAt(document.pages, span.start);
  return { ...span, quote: c.cited_text, ...(page !== undefined ? { page } : {}) };
}

/**
 * The API's character indices may count Unicode code points where JS strings count UTF-16 units;
 * they differ once the text holds characters outside the BMP (emoji, some CJK). Keep the API's
 * span when it matches; otherwise try it as code points. If neither matches, the raw span is
 * returned: the engine re-verifies every citation and relocates or drops it.
 */
export function resolveSpan(text: string, start: number, end: number, quote: string): { start: number; end: number } {
  if (text.slice(start, end) === quote) return { start, end };
  const s = codePointToUtf16(text, start);
  const e = codePointToUtf16(text, end);
  if (s !== undefined && e !== undefined && text.slice(s, e) === quote) return { start: s, end: e };
  return { start, end };
}

function codePointToUtf16(text: string, index: number): number | undefined {
  let units = 0;
  let points = 0;
  while (points < index) {
    if (units >= text.length) return undefined;
    const code = text.codePointAt(units) as number;
    units += code > 0xffff ? 2 : 1;
    points++;
  }
  return units;
}
