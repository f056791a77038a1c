import { pageAt, type Document } from "../documents/document";
import type { Citation, Finding, RawFinding } from "./findings";
import { matchIgnoringLayout } from "./quote-match";

/**
 * Finds `quote` in `text`: exactly first, then up to layout (`matchIgnoringLayout`: whitespace,
 * line-end hyphenation, CJK line breaks, typographic quotes, Unicode normalisation). Returns the
 * span in the original text, so `text.slice(start, end)` is the document's own wording. `near`
 * prefers the occurrence closest to a producer's claimed span.
 */
export function locateQuote(text: string, quote: string, near?: number): { start: number; end: number } | undefined {
  const needle = quote.trim();
  if (!needle) return undefined;
  const exact = closestOccurrence(text, needle, near);
  if (exact !== undefined) return { start: exact, end: exact + needle.length };
  return matchIgnoringLayout(text, needle, near);
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

/**
 * Longest passage a citation may hold, in UTF-16 code units: about a paragraph, what a reader
 * can take in at once. A producer that quotes more (a whole page, a 650 KB minified line) is
 * cited by the start of its quote, so no citation, event or report grows with the document.
 */
export const MAX_CITATION_CHARS = 600;

/** `span` capped to `MAX_CITATION_CHARS`, ending at a word boundary when one is near the cap. */
export function boundSpan(text: string, span: { start: number; end: number }): { start: number; end: number } {
  if (span.end - span.start <= MAX_CITATION_CHARS) return span;
  let end = span.start + MAX_CITATION_CHARS;
  const lastSpace = text.slice(span.start + MAX_CITATION_CHARS / 2, end).search(/\s\S*$/);
  if (lastSpace !== -1) end = span.start + MAX_CITATION_CHARS / 2 + lastSpace;
  // Never cut a surrogate pair in half.
  if (/[\ud800-\udbff]/.test(text[end - 1] ?? "")) end -= 1;
  return { start: span.start, end };
}

/** 1-based line and column (UTF-16 code units, as editors count) of `offset` in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function toCitation(document: Document, found: { start: number; end: number }): Citation {
  const span = boundSpan(document.text, found);
  const page = pageAt(document.pages, span.start);
  // Source code is read by line and column; a character offset means nothing in an editor.
  const position = document.format === "code" ? lineColumnAt(document.text, span.start) : undefined;
  return { start: span.start, end: span.end, quote: document.text.slice(span.start, span.end), ...(page ? { page } : {}), ...position };
}
