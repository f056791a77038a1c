import type { DocumentPage } from "@/lib/documents/document";

export type TextRange = { start: number; end: number };

export type DocumentSegment =
  | { kind: "page"; number: number }
  | { kind: "text"; text: string; start: number; highlighted: boolean };

/**
 * Cuts the document into runs of text at page starts and at the highlight's edges, so the
 * viewer can print page headers and wrap exactly the cited characters in a <mark>.
 */
export function documentSegments(text: string, pages: readonly DocumentPage[], highlight: TextRange | null): DocumentSegment[] {
  const range = highlight ? clampRange(highlight, text.length) : null;
  const pageAt = new Map(pages.map((p) => [Math.min(p.start, text.length), p.number]));
  const cuts = new Set<number>([0, text.length, ...pageAt.keys()]);
  if (range) {
    cuts.add(range.start);
    cuts.add(range.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: DocumentSegment[] = [];
  for (const [i, start] of points.entries()) {
    const page = pageAt.get(start);
    if (page !== undefined) segments.push({ kind: "page", number: page });
    const end = points[i + 1];
    if (end === undefined || end === start) continue;
    const highlighted = range !== null && start >= range.start && end <= range.end;
    segments.push({ kind: "text", text: text.slice(start, end), start, highlighted });
  }
  return segments;
}

function clampRange(range: TextRange, length: number): TextRange | null {
  const start = Math.max(0, Math.min(range.start, length));
  const end = Math.max(start, Math.min(range.end, length));
  return end > start ? { start, end } : null;
}
