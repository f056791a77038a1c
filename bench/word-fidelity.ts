/**
 * Word-level text fidelity for `npm run bench:ingest`: how close one extraction's words are to
 * another's (or to the text a PDF was typeset from), in order.
 */
import { diffArrays } from "diff";

/**
 * A text's words, with every line-end hyphen joined ("Cus-\ntomer" → "Customer"): pdftotext keeps
 * them as printed, Foreman joins those that make a word, and neither choice should count here.
 */
export const words = (text: string): string[] =>
  text
    .normalize("NFC")
    .replace(/(\p{L})-\s*\n\s*(?=\p{L})/gu, "$1")
    .split(/\s+/)
    .filter(Boolean);

/**
 * Strict word-sequence similarity, 1.00 = identical: 2·M / (|a| + |b|), M = the words of the
 * longest common subsequence (the `diff` package's Myers diff over word arrays) — difflib's
 * ratio over words. A block placed elsewhere counts as missing in one place and extra in the other.
 */
export function sequenceSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1;
  const common = diffArrays([...a], [...b]).reduce((sum, part) => sum + (part.added || part.removed ? 0 : part.count), 0);
  return (2 * common) / (a.length + b.length);
}

/**
 * Share of word trigrams two texts have in common (multisets, 2·|A∩B| / (|A|+|B|)): local
 * reading order only; a block placed elsewhere on the page is not counted against either.
 */
export function trigramSimilarity(a: readonly string[], b: readonly string[]): number {
  const grams = (w: readonly string[]) => w.slice(0, Math.max(0, w.length - 2)).map((word, i) => `${word} ${w[i + 1]} ${w[i + 2]}`);
  const ours = grams(a);
  const theirs = grams(b);
  if (ours.length + theirs.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const gram of ours) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let common = 0;
  for (const gram of theirs) {
    const left = counts.get(gram) ?? 0;
    if (left > 0) {
      common++;
      counts.set(gram, left - 1);
    }
  }
  return (2 * common) / (ours.length + theirs.length);
}

// groff prints `, ' and " as curly quotes; the source text has straight ones (and TeX-style `quotes').
const canonical = (word: string): string => word.replace(/[‘’`]/g, "'").replace(/[“”]/g, '"');

/** `words`, with curly quotes as straight ones: for comparing with a source text that groff typeset. */
export const sourceWords = (text: string): string[] => words(text).map(canonical);

/**
 * Foreman's words as it stored them, for comparing with the source text: a line-end hyphen it
 * kept (a compound, "machine-\nreadable") stays a hyphen, since it joined the others itself.
 */
export const storedWords = (text: string): string[] => sourceWords(text.replace(/(\p{L})-\n(?=\p{L})/gu, "$1-"));

/**
 * A run of words only one side has where it has them. `asInSource`: whether the source text has
 * these words right after the ones this side put before them (undefined without a source).
 */
export type DifferingSpan = { side: "ours" | "theirs"; words: string[]; after: string[]; asInSource: boolean | undefined };

const CONTEXT = 3;

/** The `limit` longest spans in which `ours` and `theirs` differ, longest first. */
export function differingSpans(ours: readonly string[], theirs: readonly string[], source: readonly string[] | undefined, limit: number): DifferingSpan[] {
  const sourceText = source ? ` ${source.map(canonical).join(" ")} ` : undefined;
  const spans: DifferingSpan[] = [];
  let oursBefore: string[] = [];
  let theirsBefore: string[] = [];
  for (const part of diffArrays([...ours], [...theirs])) {
    const side = part.removed ? "ours" : part.added ? "theirs" : undefined;
    if (side) {
      const after = side === "ours" ? oursBefore : theirsBefore;
      const probe = ` ${[...after, ...part.value.slice(0, CONTEXT)].map(canonical).join(" ")} `;
      spans.push({ side, words: part.value, after, asInSource: sourceText === undefined ? undefined : sourceText.includes(probe) });
    }
    if (side !== "theirs") oursBefore = [...oursBefore, ...part.value].slice(-CONTEXT);
    if (side !== "ours") theirsBefore = [...theirsBefore, ...part.value].slice(-CONTEXT);
  }
  return spans.sort((a, b) => b.words.length - a.words.length).slice(0, limit);
}
