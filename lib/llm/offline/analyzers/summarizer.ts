import { blockStyle, functionsOf } from "../code";
import { classify } from "../classify";
import { count, renderResult } from "../output";
import { sections } from "../sections";
import { contentWords, type Span, type TextIndex } from "../text";
import type { Analyzer, AnalyzerContext } from "./types";

const MIN_WORDS = 6;

/** Term frequency over the whole text; a sentence scores the mean weight of its content words. */
export function rankSentences(index: TextIndex, focus: readonly string[]): { sentence: Span; score: number }[] {
  const headings = new Set(sections(index).map((s) => s.heading.start));
  const tf = new Map<string, number>();
  for (const w of contentWords(index.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
  const focusSet = new Set(focus);
  return index.sentences
    .filter((s) => !headings.has(s.start) && s.quote.split(/\s+/).length >= MIN_WORDS && !/^[|>#*`-]/.test(s.quote))
    .map((sentence) => {
      const words = contentWords(sentence.quote);
      const base = words.reduce((sum, w) => sum + (tf.get(w) ?? 0), 0) / Math.sqrt(Math.max(words.length, 1));
      const boost = words.some((w) => focusSet.has(w)) ? 1.5 : 1;
      return { sentence, score: base * boost };
    });
}

/** The top 3–5 sentences, returned in document order (`ranked`: pass it when already computed). */
export function extractiveSummary(index: TextIndex, focus: readonly string[], ranked = rankSentences(index, focus)): Span[] {
  const k = Math.min(ranked.length, Math.max(3, Math.min(5, Math.round(ranked.length / 8))));
  return [...ranked]
    .sort((a, b) => b.score - a.score || a.sentence.start - b.sentence.start)
    .slice(0, k)
    .map((r) => r.sentence)
    .sort((a, b) => a.start - b.start);
}

function codeSummary({ document, index }: AnalyzerContext): string {
  const fns = functionsOf(index, blockStyle(document, index));
  const classes = index.lines.filter((l) => /^(?:export\s+)?(?:abstract\s+)?class\s+\w+/.test(l.quote));
  const imports = index.lines.filter((l) => /^(?:import\s|from\s+\S+\s+import\s|#include\b|using\s+\w|require\()/.test(l.quote) || /\brequire\(["']/.test(l.quote));
  return renderResult({
    title: "summary",
    lead: `A ${document.language ?? "source"} file of ${count(index.lines.length, "line")} defining ${count(fns.length, "function")} and ${count(classes.length, ["class", "classes"])}, with ${count(imports.length, "import")}.`,
    sections: [
      { heading: "Functions", lines: fns.slice(0, 20).map((f) => `\`${f.name}\` (line ${f.header.number})`), empty: "None." },
      { heading: "Classes", lines: classes.map((c) => `\`${c.quote.replace(/[:{]\s*$/, "")}\` (line ${c.number})`), empty: "None." },
    ],
    findings: [],
  });
}

/** The words a summary favours: the task's focus and the user's request. Shared with the synthesis. */
export function summaryFocus(taskFocus: string, request: string): string[] {
  return contentWords(`${taskFocus} ${request}`);
}

export const summarizer: Analyzer = (ctx) => {
  if (ctx.document.format === "code" || classify(ctx.document) === "source-code") return { status: "success", result: codeSummary(ctx), findings: [] };
  const focus = summaryFocus(ctx.task.focus, ctx.request);
  const ranked = rankSentences(ctx.index, focus);
  const picked = extractiveSummary(ctx.index, focus, ranked);
  const total = ranked.length;
  const result = renderResult({
    title: "summary",
    lead:
      picked.length > 0
        ? `Extractive summary: the ${count(picked.length, "sentence")} with the most frequent content words (of ${total} candidates), in document order.\n\n${picked.map((s) => s.quote).join(" ")}`
        : "The document has no full sentences to summarise.",
    findings: [],
  });
  return { status: picked.length > 0 ? "success" : "partial", result, findings: [] };
};
