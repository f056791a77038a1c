import type { RawFinding } from "../../../engine/findings";
import type { DependencyResult } from "../../../engine/model-port";
import { count, finding, quoted, renderResult } from "../output";
import { sectionAt, sections } from "../sections";
import type { Span, TextIndex } from "../text";
import { samples } from "./data-metrics";
import type { Analyzer } from "./types";

const ABSOLUTE =
  /\b(?:prove[sn]?|proved|clearly (?:demonstrates?|shows?|establish(?:es)?)|conclusively|definitively|undeniably|undoubtedly|beyond (?:any )?doubt|guarantees?|always|never|in (?:all|every) cases?|universally|without exception|certainly|eliminates?)\b|\ball (?:users|customers|patients|people|cases|systems|teams|organisations|organizations)\b/i;
const CONCLUDING = /\b(?:therefore|thus|hence|we conclude|in conclusion|these results|our results|our findings|this (?:shows|means|demonstrates)|the results (?:show|suggest|indicate))\b/i;
const FUTURE = /\bwill\b/i;
const CONCLUSION_SECTION = /\b(?:conclusions?|discussion|abstract|summary|recommendations|outlook|implications)\b/i;
const CAUSAL = /\b(?:causes?|caused|leads? to|led to|results? in|drives?|because of|is responsible for)\b/i;
const CORRELATIONAL = /\b(?:correlat\w*|associated with|association|observational|survey)\b/i;

type Claim = { sentence: Span; reason: string; strong: boolean };

function conclusionClaims(index: TextIndex): Claim[] {
  const all = sections(index);
  const out: Claim[] = [];
  for (const s of index.sentences) {
    const section = sectionAt(all, s);
    // Headings are not claims, and a method section describes what was done rather than concludes.
    if (section && (section.heading.start === s.start || /method|setup|procedure/i.test(section.title))) continue;
    const inConclusion = section ? CONCLUSION_SECTION.test(section.title) : false;
    const absolute = ABSOLUTE.exec(s.quote);
    if (absolute) out.push({ sentence: s, reason: `absolute wording “${absolute[0]}”`, strong: /prove|conclusive|definitive|beyond|guarantee|undeniabl/i.test(absolute[0]) });
    else if (FUTURE.test(s.quote) && (inConclusion || CONCLUDING.test(s.quote))) out.push({ sentence: s, reason: "a prediction (“will”) stated as certain", strong: false });
  }
  return out;
}

/** The smallest sample: from the data-metrics dependency when it ran, else read directly. */
function smallestSample(text: string, dependencies: readonly DependencyResult[]): { size: number; from: string } | undefined {
  const dep = dependencies.find((d) => d.worker === "data-metrics");
  const flagged = dep && dep.status !== "failed" && dep.status !== "skipped" ? dep.output.findings.filter((f) => f.title === "Small sample size") : [];
  const fromDep = flagged.map((f) => Number(/\d[\d,]*/.exec(f.citations[0]?.quote ?? "")?.[0]?.replace(/,/g, "") ?? NaN)).filter((n) => !Number.isNaN(n));
  if (fromDep.length > 0) return { size: Math.min(...fromDep), from: "the data & metrics task" };
  const own = samples(text).map((s) => s.size);
  return own.length > 0 ? { size: Math.min(...own), from: "the text" } : undefined;
}

function overreachFindings(claims: readonly Claim[], sample: { size: number; from: string } | undefined): RawFinding[] {
  const small = sample !== undefined && sample.size < 30;
  return claims.slice(0, 8).map((c) =>
    finding({
      severity: c.strong && small ? "critical" : "warning",
      title: "Conclusion stronger than the evidence",
      detail: `The sentence uses ${c.reason}${small ? `, while the sample is only ${sample.size} (from ${sample.from})` : ""}; results of one study rarely support certainty.`,
      recommendation: "Hedge the claim (“suggests”, “in this setting”) and state its conditions.",
      spans: [c.sentence],
    }),
  );
}

function causalFindings(index: TextIndex): RawFinding[] {
  if (!CORRELATIONAL.test(index.text)) return [];
  return index.sentences
    .filter((s) => CAUSAL.test(s.quote) && !CORRELATIONAL.test(s.quote))
    .slice(0, 4)
    .map((s) =>
      finding({
        severity: "warning",
        title: "Causal claim from correlational data",
        detail: "The document describes correlations or observational data, but this sentence states a cause.",
        recommendation: "Say “is associated with” unless a controlled experiment supports causation.",
        spans: [s],
      }),
    );
}

export const evidenceChecker: Analyzer = ({ index, dependencies }) => {
  const claims = conclusionClaims(index);
  const sample = smallestSample(index.text, dependencies);
  const findings = [...overreachFindings(claims, sample), ...causalFindings(index)];
  const result = renderResult({
    title: "conclusions vs evidence",
    lead: `Checked ${count(index.sentences.length, "sentence")} for conclusions stated as certain, predictions and causal wording${sample ? `; smallest sample: ${sample.size} (from ${sample.from})` : "; no sample size stated"}.`,
    sections: [{ heading: "Strong claims", lines: claims.map((c) => `${quoted(c.sentence)} — ${c.reason}`), empty: "No overreaching wording found." }],
    findings,
  });
  return { status: "success", result, findings };
};
