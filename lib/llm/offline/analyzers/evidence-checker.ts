import type { RawFinding } from "../../../engine/findings";
import type { DependencyResult } from "../../../engine/model-port";
import { count, finding, quoted, renderResult } from "../output";
import { sectionAt, sections } from "../sections";
import type { Span, TextIndex } from "../text";
import { samples } from "./data-metrics";
import { isCompleted, type Analyzer } from "./types";

const ABSOLUTE =
  /\b(?:prove[sn]?|proved|clearly (?:demonstrates?|shows?|establish(?:es)?|superior|better|outperforms?)|conclusively|definitively|undeniably|undoubtedly|beyond (?:any )?doubt|guarantees?|always|never|in (?:all|every) cases?|in every respect|universally|without exception|certainly|eliminates?)\b|\ball (?:users|customers|patients|people|cases|systems|teams|organisations|organizations)\b|\b(?:further|second|additional|more) (?:trials?|stud(?:y|ies)|tests?|testing|research|validation) (?:is|are) (?:unnecessary|not needed|not required)\b/i;
const CONCLUDING = /\b(?:therefore|thus|hence|we conclude|in conclusion|these results|our results|our findings|this (?:shows|means|demonstrates)|the results (?:show|suggest|indicate))\b/i;
const FUTURE = /\bwill\b/i;
const CONCLUSION_SECTION = /\b(?:conclusions?|discussion|abstract|summary|recommendations|outlook|implications)\b/i;
const CAUSAL = /\b(?:causes?|caused|leads? to|led to|results? in|drives?|because of|is responsible for)\b/i;
const CORRELATIONAL = /\b(?:correlat\w*|associated with|association|observational|survey|over the same period|at the same time|coincid\w*)\b/i;
const SCOPE_LIMIT = /\b(?:only|single|staging|synthetic|simulated|pilot|one (?:region|site|team|city|country|hospital|school|company))\b/i;
const GENERALISES = /\b(?:all|every|entire|whole)\s+(?:\d+\s+)?(?:\w+\s+)?(?:regions?|services?|platforms?|users?|customers?|markets?|countries|teams?|sites?|populations?|products?|students?|patients?|people|universit(?:y|ies)|schools?|hospitals?|compan(?:y|ies)|organi[sz]ations?|employees?|workers?|children|adults|settings?|conditions?)\b|\bacross the (?:platform|board|company|industry|organi[sz]ation)\b/i;
const EXCLUDED = /\b(?:excluded|removed|omitted|discarded|dropped)\b[^.\n]{0,60}\b(?:from the|analysis|data|results|sample)\b/i;

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
  const flagged = dep && isCompleted(dep) ? dep.output.findings.filter((f) => f.title === "Small sample size") : [];
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
    .filter((s) => CAUSAL.test(s.quote) && !CORRELATIONAL.test(s.quote) && !/\b(?:not|never)\s+(?:be\s+|been\s+)?(?:caused|causes?|lead|led|result)/i.test(s.quote))
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

/** A conclusion that generalises past a scope the document itself limits ("eu-west-1 only" → "all regions"). */
function scopeFindings(index: TextIndex, claims: readonly Claim[]): RawFinding[] {
  const limit = index.sentences.find((s) => SCOPE_LIMIT.test(s.quote) && !GENERALISES.test(s.quote));
  if (!limit) return [];
  const claimed = new Set(claims.map((c) => c.sentence.start));
  const general = index.sentences
    .filter((s) => s.start !== limit.start && GENERALISES.test(s.quote) && (claimed.has(s.start) || CONCLUDING.test(s.quote) || /\b(?:recommend|should|will|expect)\b/i.test(s.quote)))
    .slice(0, 3);
  if (general.length === 0) return [];
  return [
    finding({
      severity: "warning",
      title: "Generalisation beyond the tested scope",
      detail: `The evidence comes from a limited setting (first quote) but ${count(general.length, "conclusion")} extend${general.length === 1 ? "s" : ""} it to everything (following quotes).`,
      recommendation: "Limit the conclusion to the setting tested, or test more broadly before generalising.",
      spans: [limit, ...general],
    }),
  ];
}

function exclusionFindings(index: TextIndex): RawFinding[] {
  return index.sentences
    .filter((s) => EXCLUDED.test(s.quote))
    .slice(0, 3)
    .map((s) =>
      finding({
        severity: "warning",
        title: "Data excluded from the analysis",
        detail: "Part of the data was left out; unless the rule was set in advance, this can bias the result.",
        recommendation: "Report results with and without the excluded data and justify the exclusion rule.",
        spans: [s],
      }),
    );
}

export const evidenceChecker: Analyzer = ({ index, dependencies }) => {
  const claims = conclusionClaims(index);
  const sample = smallestSample(index.text, dependencies);
  const findings = [...overreachFindings(claims, sample), ...scopeFindings(index, claims), ...causalFindings(index), ...exclusionFindings(index)];
  const result = renderResult({
    title: "conclusions vs evidence",
    lead: `Checked ${count(index.sentences.length, "sentence")} for conclusions stated as certain, predictions and causal wording${sample ? `; smallest sample: ${sample.size} (from ${sample.from})` : "; no sample size stated"}.`,
    sections: [{ heading: "Strong claims", lines: claims.map((c) => `${quoted(c.sentence)} — ${c.reason}`), empty: "No overreaching wording found." }],
    findings,
  });
  return { status: "success", result, findings };
};
