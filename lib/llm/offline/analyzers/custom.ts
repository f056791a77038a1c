import type { RawFinding } from "../../../engine/findings";
import { count, finding, quoted, renderResult } from "../output";
import { contentWords, distinctSpans, escapeRegExp, findAll, type Span, type TextIndex } from "../text";
import type { Analyzer } from "./types";

/** Words that describe the task rather than what to look for. */
const INSTRUCTION_WORDS = new Set(
  "find search look list check identify extract show report mentions mention mentioned references reference document text file every occurrences occurrence passages passage where whether please give tell quote section analyse analyze review custom task".split(" "),
);
const MAX_TERMS = 5;
const PER_TERM = 5;

/** The description's key terms, most specific (longest) first, in a stable order. */
export function keyTerms(description: string): string[] {
  const words = contentWords(description).filter((w) => !INSTRUCTION_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, MAX_TERMS);
}

/** Matches the term and its inflections ("terminate" finds "termination"). */
function termPattern(term: string): RegExp {
  const stem = term.length > 6 ? term.slice(0, term.length - 2) : term.replace(/s$/, "");
  return new RegExp(`\\b${escapeRegExp(stem)}[\\p{L}-]*`, "giu");
}

function termHits(index: TextIndex, term: string): Span[] {
  return distinctSpans(findAll(index.text, termPattern(term)).map((s) => index.around(s)));
}

export const custom: Analyzer = ({ index, task }) => {
  const terms = keyTerms(`${task.description} ${task.focus}`);
  const hits = terms.map((term) => ({ term, spans: termHits(index, term) }));
  const findings: RawFinding[] = hits
    .filter((h) => h.spans.length > 0)
    .map((h) =>
      finding({
        severity: "info",
        title: `Mentions of “${h.term}”`,
        detail: `${count(h.spans.length, "passage")} mention “${h.term}”${h.spans.length > PER_TERM ? `; the first ${PER_TERM} are cited` : ""}.`,
        spans: h.spans.slice(0, PER_TERM),
      }),
    );
  const result = renderResult({
    title: "custom search",
    lead:
      terms.length > 0
        ? `The offline engine cannot follow free-form instructions; it searched for the task's key terms: ${terms.map((t) => `“${t}”`).join(", ")}.`
        : "The task description has no searchable key terms.",
    sections: hits.map((h) => ({ heading: `“${h.term}”`, lines: h.spans.slice(0, PER_TERM).map((s) => quoted(s)), empty: "Not mentioned." })),
    findings,
  });
  return { status: terms.length > 0 ? "success" : "partial", result, findings };
};
