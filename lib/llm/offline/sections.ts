import { lastStartingAtOrBefore, type Line, type Span, type TextIndex } from "./text";

/** A heading and the body it governs (up to the next heading of any level). */
export type Section = {
  heading: Span;
  /** The heading's words without its numbering or Markdown marks, e.g. "Limitation of Liability". */
  title: string;
  /** "1.2" for numbered headings, "" otherwise. */
  number: string;
  /** The character offset where the next heading begins (or the end of the text). */
  end: number;
};

const MARKDOWN = /^#{1,6}\s+(.+?)\s*#*$/;
const NUMBERED = /^(?:(?:section|clause|article|§)\s*)?(\d+(?:\.\d+)*|[IVX]+)[.):]?\s+(.+)$/i;
const LABELLED = /^(?:section|clause|article|schedule|annex|appendix)\s+([\dA-Z]+)\b[.:—–-]*\s*(.*)$/i;
const BOLD = /^\*\*(.+?)\*\*:?$/;
const KNOWN =
  /^(abstract|summary|executive summary|introduction|background|related work|methods?|methodology|materials and methods|approach|experimental setup|experiments?|evaluation|results|findings|discussion|limitations|threats to validity|conclusions?|future work|references|bibliography|acknowledg(?:e)?ments|definitions|recitals|whereas)\s*:?$/i;

/** Whether a heading's title is a standard section name ("Abstract", "Introduction", "Definitions", …). */
export function isStandardSectionName(title: string): boolean {
  return KNOWN.test(title);
}

/** Classifies one line as a heading; returns its title and number or undefined. */
export function headingOf(line: Line): { title: string; number: string } | undefined {
  const text = line.quote;
  if (!text || text.length > 120) return undefined;
  const md = MARKDOWN.exec(text);
  if (md?.[1]) return clean(md[1]);
  const bold = BOLD.exec(text);
  if (bold?.[1] && words(bold[1]) <= 10) return clean(bold[1]);
  if (KNOWN.test(text)) return { title: text.replace(/:$/, ""), number: "" };
  const labelled = LABELLED.exec(text);
  if (labelled && words(text) <= 12 && !/[,;]$/.test(text)) return clean(text);
  const numbered = NUMBERED.exec(text);
  const sentenceLike = (t: string): boolean => /[.,;:]$/.test(t) && words(t) > 3;
  if (numbered?.[2] && words(numbered[2]) <= 8 && /^[A-Z"“]/.test(numbered[2]) && !sentenceLike(numbered[2])) {
    return { title: titleText(numbered[2]), number: numbered[1] ?? "" };
  }
  if (/^[A-Z][A-Z0-9 &,'’/-]{2,60}$/.test(text) && /[A-Z]{3}/.test(text) && words(text) <= 8) return { title: text, number: "" };
  return undefined;
}

function clean(raw: string): { title: string; number: string } {
  const numbered = NUMBERED.exec(raw.trim());
  if (numbered?.[2]) return { title: titleText(numbered[2]), number: numbered[1] ?? "" };
  const labelled = LABELLED.exec(raw.trim());
  if (labelled) return { title: titleText(labelled[2] || raw), number: labelled[1] ?? "" };
  return { title: titleText(raw), number: "" };
}

function titleText(raw: string): string {
  return raw.replace(/\*\*/g, "").replace(/[.:]$/, "").trim();
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Every heading in document order with the extent of its section. */
export function sections(index: TextIndex): Section[] {
  const found: Omit<Section, "end">[] = [];
  for (const line of index.lines) {
    const h = headingOf(line);
    if (h) found.push({ heading: { start: line.start, end: line.end, quote: line.quote }, ...h });
  }
  return found.map((s, i) => ({ ...s, end: found[i + 1]?.heading.start ?? index.text.length }));
}

/** The section a span falls in, if any (`all` in document order, as `sections` returns it; O(log n)). */
export function sectionAt(all: readonly Section[], at: { start: number }): Section | undefined {
  const section = lastStartingAtOrBefore(all, at.start, (s) => s.heading.start);
  return section && at.start < section.end ? section : undefined;
}

const CLAUSE_START = /^(?:(?:section|clause|article)\s+)?\d+(?:\.\d+)*[.)]?\s+\S/i;

/**
 * Contract clauses: numbered paragraphs ("1.", "4.2", "Clause 7") and headed sections. A clause
 * runs to the next clause start. Its title is the heading or the paragraph's first words.
 */
export function clauses(index: TextIndex): Section[] {
  const starts: Omit<Section, "end">[] = [];
  for (const line of index.lines) {
    const h = headingOf(line);
    if (h) {
      starts.push({ heading: { start: line.start, end: line.end, quote: line.quote }, ...h });
      continue;
    }
    if (!CLAUSE_START.test(line.quote)) continue;
    const m = /^(?:(?:section|clause|article)\s+)?(\d+(?:\.\d+)*)[.)]?\s+(.*)$/i.exec(line.quote);
    const lead = (m?.[2] ?? line.quote).split(/(?<=[.:])\s/)[0] ?? line.quote;
    starts.push({ heading: { start: line.start, end: line.end, quote: line.quote }, title: titleText(lead).slice(0, 80), number: m?.[1] ?? "" });
  }
  return starts.map((s, i) => ({ ...s, end: starts[i + 1]?.heading.start ?? index.text.length }));
}
