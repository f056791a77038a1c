import type { RawFinding, Severity } from "../../../engine/findings";
import { count, finding, renderResult } from "../output";
import { sections, type Section } from "../sections";
import { sentencesMatching, wordCount, type TextIndex } from "../text";
import type { Analyzer } from "./types";

type Part = { name: string; title: RegExp; missing: Severity; why: string };

/** The parts of a technical report in their usual order. */
const PARTS: readonly Part[] = [
  { name: "Abstract", title: /^(?:abstract|summary|executive summary)$/i, missing: "info", why: "readers cannot see the question, method and result at a glance" },
  { name: "Introduction", title: /^(?:introduction|background|overview|motivation)\b/i, missing: "info", why: "the problem and its context are not set out" },
  { name: "Method", title: /\b(?:methods?|methodology|approach|experimental setup|study design|setup|procedure)\b/i, missing: "warning", why: "without a method the results cannot be checked or reproduced" },
  { name: "Results", title: /^(?:results|findings|evaluation|experiments?|measurements)\b/i, missing: "warning", why: "there is no section presenting the evidence" },
  { name: "Discussion", title: /^discussion\b/i, missing: "info", why: "results are not interpreted or compared" },
  { name: "Limitations", title: /\b(?:limitations?|threats to validity|caveats)\b/i, missing: "warning", why: "the report does not acknowledge what its evidence cannot show" },
  { name: "Conclusion", title: /^(?:conclusions?|summary and conclusions?|recommendations|outlook)\b/i, missing: "info", why: "the take-away is not stated" },
  { name: "References", title: /^(?:references|bibliography|works cited|sources)\b/i, missing: "info", why: "claims cannot be traced to their sources" },
];

type Mapped = { part: Part; section: Section };

function mapParts(all: readonly Section[]): Mapped[] {
  const out: Mapped[] = [];
  for (const part of PARTS) {
    const section = all.find((s) => part.title.test(s.title));
    if (section) out.push({ part, section });
  }
  return out;
}

function missingFindings(index: TextIndex, mapped: readonly Mapped[]): RawFinding[] {
  const present = new Set(mapped.map((m) => m.part.name));
  return PARTS.filter((p) => !present.has(p.name)).map((p) => {
    if (p.name !== "Limitations") return finding({ severity: p.missing, title: `Missing section: ${p.name}`, detail: `No ${p.name} section was found; ${p.why}.`, spans: [] });
    // Limitations are sometimes acknowledged in passing; cite that passage and soften the verdict.
    const inline = sentencesMatching(index.sentences, /\b(?:limitations?|caveats?|we did not|could not|only (?:tested|measured|evaluated))\b/i)[0];
    const conclusion = mapped.find((m) => m.part.name === "Conclusion" || m.part.name === "Discussion")?.section.heading;
    const cite = inline ?? conclusion;
    return finding({
      severity: inline ? "info" : "warning",
      title: "Limitations not acknowledged",
      detail: inline ? "There is no Limitations section; limitations are only mentioned in passing (cited)." : `No Limitations section and no sentence acknowledging limits; ${p.why}.`,
      recommendation: "Add a Limitations section: sample, setting, measurement and what the results do not show.",
      spans: cite ? [cite] : [],
    });
  });
}

/** Body size of each mapped part, measured to the next mapped part (sub-headings count as body). */
function thinFindings(index: TextIndex, mapped: readonly Mapped[]): RawFinding[] {
  const starts = mapped.map((m) => m.section.heading.start).sort((a, b) => a - b);
  return mapped.flatMap(({ part, section }) => {
    if (part.name === "References" || part.name === "Abstract") return [];
    const next = starts.find((s) => s > section.heading.start) ?? index.text.length;
    const words = wordCount(index.text.slice(section.heading.end, next));
    if (words >= 25) return [];
    return [finding({ severity: "info", title: `Thin section: ${part.name}`, detail: `The ${part.name} section has only ${count(words, "word")}.`, recommendation: `Expand the ${part.name.toLowerCase()}.`, spans: [section.heading] })];
  });
}

function orderFindings(mapped: readonly Mapped[]): RawFinding[] {
  const byPosition = [...mapped].sort((a, b) => a.section.heading.start - b.section.heading.start);
  for (let i = 1; i < byPosition.length; i++) {
    const prev = byPosition[i - 1];
    const cur = byPosition[i];
    if (!prev || !cur || PARTS.indexOf(cur.part) > PARTS.indexOf(prev.part)) continue;
    return [
      finding({
        severity: "info",
        title: "Sections out of the usual order",
        detail: `${cur.part.name} comes after ${prev.part.name}; readers usually expect the reverse.`,
        spans: [prev.section.heading, cur.section.heading],
      }),
    ];
  }
  return [];
}

export const reportStructure: Analyzer = ({ index }) => {
  const all = sections(index);
  const mapped = mapParts(all);
  const findings = [...missingFindings(index, mapped), ...orderFindings(mapped), ...thinFindings(index, mapped)];
  const present = new Set(mapped.map((m) => m.part.name));
  const result = renderResult({
    title: "report structure",
    lead: `Recognised ${count(all.length, "heading")}; ${mapped.length} of ${PARTS.length} usual report parts are present.`,
    sections: [
      { heading: "Parts", lines: PARTS.map((p) => `${present.has(p.name) ? "✓" : "✗"} ${p.name}${present.has(p.name) ? ` — “${mapped.find((m) => m.part === p)?.section.heading.quote ?? ""}”` : " — missing"}`) },
      { heading: "All headings", lines: all.slice(0, 30).map((s) => s.heading.quote), empty: "No headings recognised." },
    ],
    findings,
  });
  return { status: all.length > 0 ? "success" : "partial", result, findings };
};
