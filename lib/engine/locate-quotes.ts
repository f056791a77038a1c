import { pageAt, type Document } from "../documents/document";
import type { Citation, Finding, RawFinding } from "./findings";

/**
 * Finds `quote` in `text`: exactly first, then ignoring differences in whitespace (models often
 * re-flow line breaks). Returns the span in the original text, so `text.slice(start, end)` is
 * the document's own wording. `near` prefers the occurrence closest to a producer's claimed span.
 */
export function locateQuote(text: string, quote: string, near?: number): { start: number; end: number } | undefined {
  const needle = quote.trim();
  if (!needle) return undefined;
  const exact = closestOccurrence(text, needle, near);
  if (exact !== undefined) return { start: exact, end: exact + needle.length };
  return locateIgnoringWhitespace(text, needle);
}

function closestOccurrence(text: string, needle: string, near: number | undefined): number | undefined {
  let best: number | undefined;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    if (near === undefined) return i;
    if (best === undefined || Math.abs(i - near) < Math.abs(best - near)) best = i;
    if (i > near) break;
  }
  return best;
}

function locateIgnoringWhitespace(text: string, needle: string): { start: number; end: number } | undefined {
  // Collapse every whitespace run to one space, remembering where each kept char came from.
  const kept: number[] = [];
  let collapsed = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (collapsed.endsWith(" ")) continue;
      collapsed += " ";
    } else collapsed += ch;
    kept.push(i);
  }
  const target = needle.replace(/\s+/g, " ");
  const at = collapsed.indexOf(target);
  if (at === -1) return undefined;
  const start = kept[at];
  const last = kept[at + target.length - 1];
  if (start === undefined || last === undefined) return undefined;
  return { start, end: last + 1 };
}

/** Turns a producer's quotes into verified citations; a quote that is not in the text is kept apart. */
export function verifyFinding(raw: RawFinding, document: Document, taskId?: string): Finding {
  const citations: Citation[] = [];
  const unverifiedQuotes: string[] = [];
  for (const q of raw.quotes) {
    const claimed = q.start !== undefined && q.end !== undefined && document.text.slice(q.start, q.end) === q.quote;
    const span = claimed ? { start: q.start as number, end: q.end as number } : locateQuote(document.text, q.quote, q.start);
    if (!span) {
      unverifiedQuotes.push(q.quote);
      continue;
    }
    citations.push(toCitation(document, span));
  }
  return {
    severity: raw.severity,
    title: raw.title,
    detail: raw.detail,
    ...(raw.recommendation ? { recommendation: raw.recommendation } : {}),
    citations,
    unverifiedQuotes,
    ...(taskId ? { taskId } : {}),
  };
}

/** Keeps a citation only if its span really holds its quote, relocating it when it does not. */
export function verifyCitation(document: Document, citation: Citation): Citation | undefined {
  if (document.text.slice(citation.start, citation.end) === citation.quote && citation.quote.length > 0) {
    return toCitation(document, citation);
  }
  const span = locateQuote(document.text, citation.quote, citation.start);
  return span ? toCitation(document, span) : undefined;
}

function toCitation(document: Document, span: { start: number; end: number }): Citation {
  const page = pageAt(document.pages, span.start);
  return { start: span.start, end: span.end, quote: document.text.slice(span.start, span.end), ...(page ? { page } : {}) };
}
