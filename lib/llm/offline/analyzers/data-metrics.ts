import type { RawFinding } from "../../../engine/findings";
import { amounts, percentages } from "../facts";
import { count, finding, quoted, renderResult } from "../output";
import { distinctSpans, findAll, type Span, type TextIndex } from "../text";
import type { Analyzer } from "./types";

const UNIT_VALUE =
  /\b\d+(?:[.,]\d+)?\s?(?:ms|s|sec|seconds?|minutes?|hours?|days?|KB|MB|GB|TB|kg|g|km|cm|mm|Hz|MHz|GHz|°C|x|×|req\/s|rps|qps|requests|tokens|points?)(?![\p{L}])/giu;
const SAMPLE =
  /\b[nN]\s*=\s*\d[\d,]*|\bsample size\s*(?:of|:|=|was|is)?\s*\d[\d,]*|\b\d[\d,]*\s+(?:participants|subjects|patients|respondents|volunteers|samples|users|customers|students|interviews|runs|trials|machines|sites|sessions|observations|records|transactions|devices|households)\b/gi;
const SMALL_SAMPLE = 30;
const CHANGE = /\b(?:increas\w*|decreas\w*|improv\w*|reduc\w*|faster|slower|higher|lower|gain\w*|drop\w*|grew|rose|fell|cut|boost\w*|better|worse)\b/i;
const BASELINE = /\b(?:from|compared|baseline|vs\.?|versus|relative to|than|previous|prior|before|control)\b/i;

export type Sample = { span: Span; size: number };

/** Sample sizes stated as "n = 12" or "12 participants". Exported for the evidence checker. */
export function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const s of findAll(text, SAMPLE)) {
    const digits = /\d[\d,]*/.exec(s.quote)?.[0];
    if (digits) out.push({ span: s, size: Number(digits.replace(/,/g, "")) });
  }
  return out;
}

function metricSpans(text: string): Span[] {
  return distinctSpans([...percentages(text), ...amounts(text), ...findAll(text, UNIT_VALUE), ...samples(text).map((s) => s.span)]);
}

function sampleFindings(list: readonly Sample[]): RawFinding[] {
  return list
    .filter((s) => s.size < SMALL_SAMPLE)
    .map((s) =>
      finding({
        severity: "warning",
        title: "Small sample size",
        detail: `A sample of ${s.size} is too small for general conclusions; random variation can explain large effects.`,
        recommendation: "Report confidence intervals, or repeat with a larger sample before generalising.",
        spans: [s.span],
      }),
    );
}

function baselineFindings(index: TextIndex): RawFinding[] {
  return index.sentences
    .filter((s) => percentages(s.quote).length > 0 && CHANGE.test(s.quote) && !BASELINE.test(s.quote))
    .slice(0, 5)
    .map((s) =>
      finding({
        severity: "warning",
        title: "Change without a baseline",
        detail: "A percentage change is stated without saying what it is measured against.",
        recommendation: "State the baseline value and how it was measured.",
        spans: [s],
      }),
    );
}

/** Three or more percentages in one sentence that look like shares but sum past 100. */
function sumFindings(index: TextIndex): RawFinding[] {
  return index.sentences.flatMap((s) => {
    const values = percentages(s.quote).map((p) => Number(/-?\d+(?:\.\d+)?/.exec(p.quote)?.[0] ?? "0"));
    const sum = values.reduce((a, b) => a + b, 0);
    if (values.length < 3 || sum <= 100.5 || sum > 150 || CHANGE.test(s.quote)) return [];
    return [
      finding({
        severity: "warning",
        title: "Percentages do not add up",
        detail: `These shares sum to ${Math.round(sum * 10) / 10}%, more than 100%.`,
        recommendation: "Check the figures or say that categories overlap.",
        spans: [s],
      }),
    ];
  });
}

export const dataMetrics: Analyzer = ({ index }) => {
  const metrics = metricSpans(index.text);
  const sampleList = samples(index.text);
  const findings = [...sampleFindings(sampleList), ...baselineFindings(index), ...sumFindings(index)];
  const result = renderResult({
    title: "data & metrics",
    lead:
      metrics.length > 0
        ? `Extracted ${count(metrics.length, "figure")} (percentages, money, values with units, sample sizes).`
        : "No quantitative content (percentages, amounts, values with units, sample sizes) was found.",
    sections: [
      { heading: "Figures in context", lines: metrics.slice(0, 20).map((m) => `**${m.quote}** in ${quoted(index.around(m), 110)}`) },
      { heading: "Sample sizes", lines: sampleList.map((s) => `${s.size}${s.size < SMALL_SAMPLE ? " (small)" : ""}: ${quoted(s.span)}`) },
    ],
    findings,
  });
  return { status: metrics.length > 0 ? "success" : "partial", result, findings };
};
