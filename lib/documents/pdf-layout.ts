import { englishWords } from "./english-words";
import type { PdfTextRun } from "./parse-in-worker";

/**
 * One page's pdf.js text items → text in reading order. PDFs store drawing order, which for
 * many generators is row by row straight across a two-column page; a reader reads column by
 * column. Like poppler's `pdftotext` (the reference), columns are found from geometry: a
 * vertical gutter that no item crosses, with text on both sides over several rows. Within a
 * block of rows that respect the gutter, the left column is emitted before the right one;
 * rows that cross it (titles, full-width paragraphs) stay where they are. Rotated text follows
 * the page's text as lines of its own.
 */
export function layoutPage(items: readonly PdfTextRun[], vocabulary: ReadonlySet<string> = new Set(), dictionary: () => ReadonlySet<string> = englishWords): string {
  const visible = items.filter((item) => item.str.trim() !== "" && Number.isFinite(item.x) && Number.isFinite(item.y));
  const rows = groupRows(visible.filter((item) => !item.rotated));
  const body = joinLines(readingOrder(rows, 0), { vocabulary, dictionary });
  // Text set at an angle (a margin note up the side, a diagonal watermark) has no place among the
  // rows: its own lines after the page's text, in the order drawn, never spliced into a row.
  const aside = visible.filter((item) => item.rotated).map((item) => item.str.replace(/\s+/g, " ").trim());
  return (aside.length > 0 ? `${body}\n\n${aside.join("\n")}` : body).replace(/^\n+|\s+$/g, "");
}

/** What decides a line-end hyphen: the document's own words, then an English word list (read only when needed). */
type Words = { vocabulary: ReadonlySet<string>; dictionary: () => ReadonlySet<string> };

/**
 * The words a document spells out whole on its lines (lower case, hyphenated compounds kept as
 * such): evidence for whether "co-" + "operate" is "cooperate" or "co-operate" in this document.
 */
export function documentVocabulary(pages: readonly (readonly PdfTextRun[])[]): Set<string> {
  const words = new Set<string>();
  for (const page of pages) {
    for (const item of page) for (const word of item.str.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) words.add(word);
  }
  return words;
}

type Row = { y: number; height: number; items: PdfTextRun[] };
type Line = { text: string; y: number; height: number };

const MAX_COLUMN_DEPTH = 3; // a split within a split: three or four columns at most
/** Narrowest typical line (in ems: widths divided by the line height) for a side of a gutter to count as a column of text. */
const MIN_COLUMN_EMS = 6;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Items on one baseline (within half a line height: superscripts stay on their line), left to right. */
function groupRows(items: readonly PdfTextRun[]): Row[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const item of sorted) {
    const height = item.height || 1;
    const row = rows.at(-1);
    if (row && Math.abs(row.y - item.y) <= Math.max(row.height, height) * 0.5) {
      row.items.push(item);
      row.height = Math.max(row.height, height);
    } else rows.push({ y: item.y, height, items: [item] });
  }
  for (const row of rows) row.items.sort((a, b) => a.x - b.x);
  return rows;
}

const right = (item: PdfTextRun): number => item.x + Math.max(0, item.width);

/**
 * Candidate gutters are the wide gaps inside rows; the best is the x that splits the most rows
 * into text on both sides while being crossed by few of them. Returns undefined on a page of
 * one column.
 */
function findGutter(rows: readonly Row[]): number | undefined {
  const candidates: number[] = [];
  for (const row of rows) {
    for (let i = 1; i < row.items.length; i++) {
      const before = row.items[i - 1] as PdfTextRun;
      const after = row.items[i] as PdfTextRun;
      if (after.x - right(before) > row.height * 1.5) candidates.push((right(before) + after.x) / 2);
    }
  }
  let best: { x: number; split: number } | undefined;
  for (const x of candidates) {
    let split = 0;
    let crossed = 0;
    const leftWidths: number[] = [];
    const rightWidths: number[] = [];
    for (const row of rows) {
      if (row.items.some((item) => item.x < x && right(item) > x)) {
        crossed++;
        continue;
      }
      const leftItems = row.items.filter((item) => right(item) <= x);
      const rightItems = row.items.filter((item) => item.x >= x);
      if (leftItems.length === 0 || rightItems.length === 0) continue;
      split++;
      leftWidths.push((right(leftItems.at(-1) as PdfTextRun) - (leftItems[0] as PdfTextRun).x) / row.height);
      rightWidths.push((right(rightItems.at(-1) as PdfTextRun) - (rightItems[0] as PdfTextRun).x) / row.height);
    }
    // Two rows side by side could be a label and its value; a column runs for several rows.
    // Columns of text are many ems wide; a column of page numbers or amounts (a contents page,
    // a table) is not, and reads better row by row.
    const wide = median(leftWidths) >= MIN_COLUMN_EMS && median(rightWidths) >= MIN_COLUMN_EMS;
    if (split >= 2 && crossed <= split && wide && (!best || split > best.split)) best = { x, split };
  }
  return best?.x;
}

function readingOrder(rows: readonly Row[], depth: number): Line[] {
  const gutter = depth < MAX_COLUMN_DEPTH ? findGutter(rows) : undefined;
  if (gutter === undefined) return rows.map(toLine);
  const lines: Line[] = [];
  let block: Row[] = [];
  const flushBlock = () => {
    if (block.length === 0) return;
    const side = (keep: (item: PdfTextRun) => boolean): Row[] =>
      block.map((row) => ({ ...row, items: row.items.filter(keep) })).filter((row) => row.items.length > 0);
    lines.push(...readingOrder(side((item) => item.x < gutter), depth + 1));
    lines.push(...readingOrder(side((item) => item.x >= gutter), depth + 1));
    block = [];
  };
  const crosses = (item: PdfTextRun) => item.x < gutter && right(item) > gutter;
  for (const row of rows) {
    const crossing = row.items.filter(crosses);
    // A line too long for its column runs on under the next column's text on the same row: it
    // overflows (the two overlap on the page, by more than an em — runs of one line that merely
    // touch do not) and stays in its own column, unlike a title across both.
    const overflow = crossing.length > 0 && row.items.some((item) => item.x >= gutter && crossing.some((long) => right(long) - item.x > row.height));
    if (crossing.length > 0 && !overflow) {
      flushBlock();
      lines.push(toLine(row));
    } else block.push(row);
  }
  flushBlock();
  return lines;
}

/** A row's items as one line: a space where the items are apart, none where a word was split into runs. */
function toLine(row: Row): Line {
  let text = "";
  let end: number | undefined;
  for (const item of row.items) {
    const gap = end === undefined ? 0 : item.x - end;
    if (end !== undefined && gap > row.height * 0.15 && !/\s$/.test(text) && !/^\s/.test(item.str)) text += " ";
    text += item.str;
    end = right(item);
  }
  return { text: text.replace(/\s+/g, " ").trim(), y: row.y, height: row.height };
}

/**
 * Lines → text: a blank line where the vertical step is clearly larger than the usual line
 * spacing (a paragraph), and a word hyphenated at a line end joined when it is a word.
 */
function joinLines(lines: readonly Line[], words: Words): string {
  const steps = lines
    .slice(1)
    .map((line, i) => (lines[i]?.y ?? line.y) - line.y)
    .filter((step) => step > 0)
    .sort((a, b) => a - b);
  const usualStep = steps[Math.floor(steps.length / 2)] ?? 0;
  let text = "";
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (!previous) {
      text = line.text;
      return;
    }
    const step = previous.y - line.y;
    // A step up the page (the next column's top) is a new block, not a paragraph break.
    const paragraph = step < 0 || (usualStep > 0 && step > usualStep * 1.6 && step > line.height * 1.2);
    // Only the last line is searched for the hyphenated word: the text so far can be long.
    if (!paragraph && joinsHyphenation(text.slice(text.lastIndexOf("\n") + 1), line.text, words)) text = text.slice(0, -1) + line.text;
    else text += (paragraph ? "\n\n" : "\n") + line.text;
  });
  return text;
}

// Words that form compounds with a hyphen ("third-party", "non-exclusive"): a line-end hyphen
// after them is the compound's own, not a break inside a word. The first ones keep it even where
// the solid word exists too ("non-exclusive" beside "nonexclusive"); the others ("ex", "pro",
// "out") start more solid words than compounds ("express", "programs", "output").
const HYPHENATED_HEADS = new Set("all first half non quasi second self third well".split(" "));
const COMPOUND_HEADS = new Set(
  [...HYPHENATED_HEADS, ..."anti co counter cross end ex full high long low mid multi one out over part post pre pro semi short sub two three four five ten top under wide world year day time cost state".split(" ")],
);

/**
 * "Cus-" + "tomer" → "Customer"; "third-" + "party" keeps its hyphen. Only when the next line
 * goes on in lower case, or in capitals after a word in capitals ("WAR-" + "RANTY"). The
 * document decides first: the word written whole elsewhere joins, the compound written with its
 * hyphen elsewhere stays. Then a head that takes a hyphen ("third", "non", "self"…) before a
 * word keeps it ("non-exclusive"); then the English word list: a whole word joins ("customer",
 * "express", "output"); a compound's usual head ("long-" + "standing") or two words that are not
 * one ("machine-readable") keep the hyphen; anything else (names, terms the list lacks) joins.
 */
function joinsHyphenation(before: string, next: string, { vocabulary, dictionary }: Words): boolean {
  if (!before.endsWith("-")) return false; // most lines: no need to run the regex back from the end
  const head = /(\p{L}+)-$/u.exec(before)?.[1];
  if (head === undefined) return false;
  // In capitals ("LI-" + "CENSE", a disclaimer) the next line goes on in capitals.
  const tail = /^\p{Ll}\p{L}*/u.exec(next)?.[0] ?? (/^\p{Lu}{2,}$/u.test(head) ? /^\p{Lu}+(?!\p{Ll})/u.exec(next)?.[0] : undefined);
  if (tail === undefined) return false;
  const lower = head.toLowerCase();
  const rest = tail.toLowerCase();
  if (vocabulary.has(`${lower}${rest}`)) return true;
  if (vocabulary.has(`${lower}-${rest}`)) return false;
  const english = dictionary();
  // Kept when in doubt: a line-end hyphen in the stored text lets a quote verify with or without
  // it (lib/engine/quote-match.ts), a joined word only without.
  if (HYPHENATED_HEADS.has(lower) && english.has(rest)) return false;
  if (english.has(`${lower}${rest}`)) return true;
  return !(COMPOUND_HEADS.has(lower) || (english.has(lower) && english.has(rest)));
}
