/**
 * Text primitives every offline analyser shares. Everything here returns `Span`s built by
 * slicing the document itself, so `text.slice(span.start, span.end) === span.quote` holds by
 * construction — the one invariant the engine relies on for offline citations.
 */
export type Span = { start: number; end: number; quote: string };
export type Line = Span & { number: number; indent: number; raw: string };

/** The span of `text[start, end)` with surrounding whitespace removed; undefined when empty. */
export function span(text: string, start: number, end: number): Span | undefined {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return s < e ? { start: s, end: e, quote: text.slice(s, e) } : undefined;
}

/**
 * Every match of `re` (made global) as a span. A named group `q` narrows the span to that part of
 * the match, so context can be required around a quote without being quoted.
 */
export function findAll(text: string, re: RegExp): Span[] {
  const flags = re.flags.includes("g") ? re.flags : `${re.flags}g`;
  const global = new RegExp(re.source, flags.includes("d") ? flags : `${flags}d`);
  const out: Span[] = [];
  for (const m of text.matchAll(global)) {
    const range = m.indices?.groups?.["q"] ?? m.indices?.[0];
    if (!range) continue;
    const s = span(text, range[0], range[1]);
    if (s) out.push(s);
    if (m[0].length === 0) break;
  }
  return out;
}

/** Lines with their offsets (line breaks excluded); `quote` is the line without its indentation. */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  let number = 1;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end).replace(/\r$/, "");
    const indentText = /^[ \t]*/.exec(raw)?.[0] ?? "";
    const indent = indentText.replace(/\t/g, "    ").length;
    const trimmed = span(text, start, start + raw.length);
    out.push({ start: trimmed?.start ?? start, end: trimmed?.end ?? start, quote: trimmed?.quote ?? "", number, indent, raw });
    if (nl === -1) break;
    start = nl + 1;
    number++;
  }
  return out;
}

const LIST_MARKER = /^\s*(?:#{1,6}\s*)?\(?(?:\d+(?:\.\d+)*|[a-zA-Z]|[ivxIVX]+)\)?\.$/;
const ABBREVIATIONS = /\b(?:Mr|Mrs|Ms|Dr|Prof|Inc|Ltd|Co|Corp|St|vs|etc|e\.g|i\.e|No|Art|Sec|Fig|al|approx|U\.S|U\.K)\.$/i;

/** A line that starts a new block: heading, list item, numbered clause, table row, quote. */
const BLOCK_START = /^(?:#{1,6}\s|[-*+•>]\s|\|)|^(?:\d+(?:\.\d+)*[.)]|\d+\.\d+(?:\.\d+)*|\(?[a-z]\)|\([ivx]+\))\s/;
/**
 * A line that ends its block: a heading or table row, or a short line without end punctuation
 * followed by a capitalised line (a title). A wrapped line continues in lower case.
 */
function endsBlock(line: Line, next: Line | undefined): boolean {
  if (/^(?:#{1,6}\s|\|)/.test(line.quote)) return true;
  return line.quote.length < 50 && !/[.!?,;:"”)]$/.test(line.quote) && next !== undefined && /^[\p{Lu}\d"“(]/u.test(next.quote);
}

/** Paragraph-like blocks: runs of lines joined unless a blank line or a block boundary separates them. */
function blocks(all: readonly Line[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let current: { start: number; end: number } | undefined;
  all.forEach((line, i) => {
    if (!line.quote) {
      current = undefined;
      return;
    }
    if (current && !BLOCK_START.test(line.quote)) current.end = line.end;
    else out.push((current = { start: line.start, end: line.end }));
    if (endsBlock(line, all[i + 1])) current = undefined;
  });
  return out;
}

/**
 * Sentences, across hard-wrapped lines within a paragraph. Headings, list items and table rows
 * are sentences of their own. Terminal punctuation ends a sentence unless it closes a common
 * abbreviation.
 */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  for (const block of blocks(lines(text))) {
    let from = block.start;
    const re = /[.!?]+["'”’)\]]*(?=\s|$)/g;
    for (const m of text.slice(block.start, block.end).matchAll(re)) {
      const cut = block.start + m.index + m[0].length;
      const piece = text.slice(from, cut);
      // "2. Liability" and "(b). " are list markers, not sentences.
      if (ABBREVIATIONS.test(piece) || LIST_MARKER.test(piece)) continue;
      const s = span(text, from, cut);
      if (s) out.push(s);
      from = cut;
    }
    const rest = span(text, from, block.end);
    if (rest) out.push(rest);
  }
  return out;
}

const MAX_CONTEXT = 320;

/** A document's text with its lines and sentences computed once, shared by every check of one analyser. */
export type TextIndex = {
  text: string;
  lines: Line[];
  sentences: Span[];
  /** The sentence holding `at`, or a window around it when that sentence is very long. */
  around(at: Span): Span;
};

/**
 * The last of `sorted` (ascending by `startOf`, default `.start`) whose start is ≤ `offset`, by binary search:
 * O(log n), so per-match lookups keep an analyser linear in the document's length.
 */
export function lastStartingAtOrBefore<T>(sorted: readonly T[], offset: number, startOf: (item: T) => number = (item) => (item as { start: number }).start): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = sorted[mid] as T;
    if (startOf(item) <= offset) {
      found = item;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function indexText(text: string): TextIndex {
  const all = sentences(text);
  const around = (at: Span): Span => {
    // Sentences are disjoint and in order, so only the last one starting before `at` can hold it.
    const candidate = lastStartingAtOrBefore(all, at.start);
    const hit = candidate && at.end <= candidate.end ? candidate : undefined;
    if (hit && hit.quote.length <= MAX_CONTEXT) return hit;
    const pad = Math.max(0, Math.floor((MAX_CONTEXT - at.quote.length) / 2));
    const lo = Math.max(hit?.start ?? 0, at.start - pad);
    const hi = Math.min(hit?.end ?? text.length, at.end + pad);
    return span(text, lo, hi) ?? at;
  };
  return { text, lines: lines(text), sentences: all, around };
}

/** The sentences that contain a match of `re`. */
export function sentencesMatching(all: readonly Span[], re: RegExp): Span[] {
  const test = new RegExp(re.source, re.flags.replace("g", ""));
  return all.filter((s) => test.test(s.quote));
}

/** True when two spans share at least one character. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * True when two spans are essentially the same passage: they overlap by at least half of the
 * longer one. A figure inside a long sentence is not "the same passage" as the sentence.
 */
export function samePassage(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared > 0 && shared >= 0.5 * Math.max(a.end - a.start, b.end - b.start);
}

/**
 * Keeps the first span of each distinct quote text (case-insensitive) and drops spans that overlap
 * an earlier kept one. O(n log n): spans are visited by start, so only the furthest end kept so far
 * can overlap the next one.
 */
export function distinctSpans(spans: readonly Span[], limit = Infinity): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  let reach = -1;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const key = s.quote.toLowerCase();
    if (seen.has(key) || s.start < reach) continue;
    seen.add(key);
    out.push(s);
    reach = Math.max(reach, s.end);
    if (out.length >= limit) break;
  }
  return out;
}

const STOP_WORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does for from had has have he her his how i if in into is it its " +
    "may me more most must my no not of on or our out over shall she should so such than that the their them then there these " +
    "they this those to under up upon us was we were what when where which while who whom why will with would you your also any " +
    "all each other only same both just about after before between during through against above below again further once here"
  ).split(" "),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

/** Lower-cased content words (letters, digits, apostrophes, hyphens), stop words removed. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).filter((w) => w.length > 2 && !isStopWord(w));
}

export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Shortens long text for inline display in Markdown (never used for quotes). */
export function clip(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
