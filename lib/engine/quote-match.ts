/**
 * Finds a quote in a document the way a reader compares them: ignoring layout, never content.
 * Both sides are projected onto a canonical form that forgets only what layout changes —
 * how much whitespace, a line break inside CJK text (which has no spaces), a word hyphenated
 * at a line end, typographic quotes and ligatures, Unicode normalisation — and every canonical
 * character remembers where it came from, so a match maps back to an exact span of the stored
 * text. A blank line (a paragraph, column or page boundary) is not layout: it matches only a
 * blank line in the quote, so no quote is ever verified across two unrelated passages.
 */

/**
 * A text's canonical form. `start`/`end` give, for each canonical character, the source range it
 * came from. `hyphen` marks a hyphen between letters that the projection left out in front of
 * this character: REQUIRED when it was written mid-line ("well-known"), OPTIONAL when it ended a
 * line ("Cus-\ntomer" may be quoted "Customer", "third-\nparty" as "third-party").
 */
type Projection = { text: string; start: Int32Array; end: Int32Array; hyphen: Uint8Array };
const NONE = 0;
const REQUIRED = 1;
const OPTIONAL = 2;

const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const HYPHENS = new Set(["-", "\u2010"]);
const FOLD: Readonly<Record<string, string>> = {
  "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
  "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
};
const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

function project(source: string): Projection {
  let out = "";
  // Typed and grown by doubling so a 20 MB text stays compact.
  let starts = new Int32Array(Math.max(16, source.length));
  let ends = new Int32Array(starts.length);
  let hyphens = new Uint8Array(starts.length);
  let length = 0;
  let pendingHyphen = NONE;
  const emit = (chars: string, from: number, to: number) => {
    out += chars;
    if (length + chars.length > starts.length) {
      const size = starts.length * 2 + chars.length;
      const grow = <T extends Int32Array | Uint8Array>(old: T, made: T): T => (made.set(old), made);
      starts = grow(starts, new Int32Array(size));
      ends = grow(ends, new Int32Array(size));
      hyphens = grow(hyphens, new Uint8Array(size));
    }
    for (let k = 0; k < chars.length; k++) {
      starts[length] = from;
      ends[length] = to;
      hyphens[length] = k === 0 ? pendingHyphen : NONE;
      length++;
    }
    pendingHyphen = NONE;
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "\u00ad") {
      i++; // a soft hyphen is invisible unless the line breaks there
      continue;
    }
    if (isSpace(ch)) {
      let j = i;
      let newlines = 0;
      while (j < source.length && isSpace(source[j])) if (source[j++] === "\n") newlines++;
      const before = out.at(-1);
      const after = source[j];
      if (before !== undefined && after !== undefined) {
        if (newlines >= 2) emit("\n", i, j);
        else if (!CJK.test(before) && !CJK.test(after)) emit(" ", i, j);
      }
      i = j;
      continue;
    }
    if (HYPHENS.has(ch) && LETTER.test(out.at(-1) ?? "")) {
      let j = i + 1;
      let newlines = 0;
      while (j < source.length && isSpace(source[j])) if (source[j++] === "\n") newlines++;
      if (LETTER.test(source[j] ?? "") && (j === i + 1 || newlines === 1)) {
        pendingHyphen = j === i + 1 ? REQUIRED : OPTIONAL;
        i = j;
        continue;
      }
    }
    // A base character and its combining marks compose as one (a text saved decomposed).
    let j = i + 1;
    while (j < source.length && MARK.test(source[j] as string)) j++;
    const cluster = j > i + 1 ? source.slice(i, j).normalize("NFC") : ch;
    emit(j > i + 1 ? cluster : (FOLD[ch] ?? ch), i, j);
    i = j;
  }
  return { text: out, start: starts.subarray(0, length), end: ends.subarray(0, length), hyphen: hyphens.subarray(0, length) };
}

// Workers verify many quotes against one document: project it once per text.
let cached: { source: string; projection: Projection } | undefined;
function projectionOf(source: string): Projection {
  if (cached?.source !== source) cached = { source, projection: project(source) };
  return cached.projection;
}

/** Hyphens agree: one written mid-line must be quoted, one the quote has must be in the text. */
function hyphensAgree(text: Projection, at: number, quote: Projection): boolean {
  for (let k = 0; k < quote.text.length; k++) {
    const inText = text.hyphen[at + k] ?? NONE;
    const inQuote = quote.hyphen[k] ?? NONE;
    if (k === 0) continue; // a hyphen before the quote's first letter is outside the quote
    if (inText === REQUIRED && inQuote === NONE) return false;
    if (inText === NONE && inQuote !== NONE) return false;
  }
  return true;
}

/**
 * Span of `quote` in `text` up to layout, or undefined. `text.slice(start, end)` is the
 * document's own wording for the quoted words; `near` prefers the occurrence closest to a
 * producer's claimed offset.
 */
export function matchIgnoringLayout(text: string, quote: string, near?: number): { start: number; end: number } | undefined {
  const needle = project(quote.trim());
  if (needle.text === "") return undefined;
  const haystack = projectionOf(text);
  let best: number | undefined;
  for (let at = haystack.text.indexOf(needle.text); at !== -1; at = haystack.text.indexOf(needle.text, at + 1)) {
    if (!hyphensAgree(haystack, at, needle)) continue;
    const source = haystack.start[at] ?? 0;
    if (near === undefined) {
      best = at;
      break;
    }
    if (best === undefined || Math.abs(source - near) < Math.abs((haystack.start[best] ?? 0) - near)) best = at;
    if (source > near) break;
  }
  if (best === undefined) return undefined;
  const start = haystack.start[best];
  const end = haystack.end[best + needle.text.length - 1];
  return start === undefined || end === undefined ? undefined : { start, end };
}
