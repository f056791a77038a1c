import type { RawFinding } from "../../../engine/findings";
import { classify, type DocumentKind } from "../classify";
import { count, finding, quoted, renderResult } from "../output";
import { sections, type Section } from "../sections";
import { clip, findAll, sentencesMatching, type Span, type TextIndex } from "../text";
import type { Analyzer } from "./types";

/**
 * Specifications, manuals, READMEs and changelogs: structure, defined terms, normative
 * requirements by level (RFC 2119), versioning and examples. A missing version or missing
 * examples is reported without a quote (there is nothing to cite).
 */
const LEVELS = [
  { level: "MUST", re: /\b(?:MUST(?: NOT)?|SHALL(?: NOT)?|REQUIRED)\b/ },
  { level: "SHOULD", re: /\b(?:SHOULD(?: NOT)?|RECOMMENDED)\b/ },
  { level: "MAY", re: /\b(?:MAY|OPTIONAL)\b/ },
] as const;
const RFC2119 = /\bRFC ?(?:2119|8174)\b|\bkey words\b[^.]{0,120}\binterpreted\b/i;
const LOWER_CASE_REQUIREMENT = /\b(?:must|shall)(?: not)?\b/;
const VAGUE = /\b(?:appropriate(?:ly)?|reasonabl[ey]|sufficient(?:ly)?|as needed|timely|quickly|fast|user-friendly|adequate(?:ly)?|as soon as possible)\b/i;
/** "**Term**: …", "- Term: …" in a list, `"Term" means …`, or (the "Term"). */
const DEFINITION = /^[ \t]*[-*]?[ \t]*\*\*(?<q>[^*\n]{2,40})\*\*(?:[ \t]*\([^)\n]*\))?[ \t]*:|["“](?<q2>[A-Z][\w -]{1,40})["”][ \t]+(?:means|refers to|is defined as)\b|\((?:the |a |an )?["“](?<q3>[A-Z][\w -]{1,30})["”]\)/gm;
const VERSION = /\b(?:version|v)[ \t]?\d+(?:\.\d+)+\b|\brevision [A-Z0-9]+\b|^#{1,3}[ \t]*\[?v?\d+\.\d+(?:\.\d+)?\]?/gim;
const HISTORY = /^(?:change (?:history|log)|changelog|revision history|release notes|history|changes)\b/i;
const EXAMPLE = /^[ \t]*(?:#+[ \t]*)?(?:\d+(?:\.\d+)*\.?[ \t]+)?examples?\b|^[ \t]*```/gim;
const BREAKING = /\bbreaking\b/i;

type Requirement = { sentence: Span; level: (typeof LEVELS)[number]["level"] };

function requirements(index: TextIndex): Requirement[] {
  const out: Requirement[] = [];
  for (const sentence of index.sentences) {
    // The conventions paragraph lists the keywords; it states no requirement.
    if (RFC2119.test(sentence.quote)) continue;
    const level = LEVELS.find((l) => l.re.test(sentence.quote));
    if (level) out.push({ sentence, level: level.level });
  }
  return out;
}

function definedTerms(text: string): { term: string; span: Span }[] {
  const out: { term: string; span: Span }[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(DEFINITION)) {
    const term = (m.groups?.["q"] ?? m.groups?.["q2"] ?? m.groups?.["q3"] ?? "").trim();
    if (!term || seen.has(term.toLowerCase())) continue;
    seen.add(term.toLowerCase());
    const start = text.indexOf(term, m.index);
    out.push({ term, span: { start, end: start + term.length, quote: term } });
  }
  return out;
}

function requirementFindings(index: TextIndex, list: readonly Requirement[], kind: DocumentKind): RawFinding[] {
  const out: RawFinding[] = [];
  const must = list.filter((r) => r.level === "MUST");
  if (must.length > 0) {
    out.push(finding({ severity: "info", title: "Normative requirements (MUST/SHALL)", detail: `${count(must.length, "mandatory requirement")}; the first are cited.`, spans: must.slice(0, 3).map((r) => r.sentence) }));
  }
  for (const r of list.filter((x) => VAGUE.test(x.sentence.quote)).slice(0, 3)) {
    const word = VAGUE.exec(r.sentence.quote)?.[0] ?? "";
    out.push(finding({ severity: "warning", title: `Vague requirement: “${word}”`, detail: `A ${r.level} requirement depends on “${word}”, which an implementer cannot test.`, recommendation: "Replace the vague word with a measurable criterion.", spans: [r.sentence] }));
  }
  if (kind === "specification" && RFC2119.test(index.text)) {
    const lower = sentencesMatching(index.sentences, LOWER_CASE_REQUIREMENT).filter((s) => !RFC2119.test(s.quote) && !LEVELS.some((l) => l.re.test(s.quote)));
    if (lower.length > 0) {
      out.push(finding({ severity: "warning", title: "Requirement in lower case (“must”)", detail: `The document adopts RFC 2119 keywords, but ${count(lower.length, "sentence")} state a requirement in lower case, so whether it is normative is unclear.`, recommendation: "Write normative requirements with the capitalised keywords.", spans: lower.slice(0, 2) }));
    }
  }
  return out;
}

function versionFindings(index: TextIndex, all: readonly Section[], kind: DocumentKind): RawFinding[] {
  const version = findAll(index.text, VERSION)[0];
  const history = all.find((s) => HISTORY.test(s.title));
  const out: RawFinding[] = [];
  if (version) out.push(finding({ severity: "info", title: `Version stated: ${clip(version.quote, 40)}`, detail: history ? `A change history is kept (“${history.title}”).` : "No change history section was found.", spans: [version] }));
  else if (kind !== "readme") out.push(finding({ severity: "warning", title: "No version information", detail: `This ${kind === "manual" ? "manual" : "specification"} states no version or revision, so readers cannot tell which release it describes.`, recommendation: "State the version and date, and keep a change history.", spans: [] }));
  const breaking = sentencesMatching(index.sentences, BREAKING).slice(0, 3);
  if (breaking.length > 0) out.push(finding({ severity: "warning", title: "Breaking changes", detail: `${count(breaking.length, "breaking change")} listed; upgrading needs care.`, recommendation: "Read these before upgrading.", spans: breaking }));
  return out;
}

function exampleFindings(index: TextIndex): RawFinding[] {
  const examples = findAll(index.text, EXAMPLE);
  if (examples.length > 0) return [];
  return [finding({ severity: "info", title: "No examples", detail: "The document gives no worked example or code sample.", recommendation: "Add an example for the main use.", spans: [] })];
}

export const specStructure: Analyzer = ({ document, index }) => {
  const kind = classify(document);
  const all = sections(index);
  const list = requirements(index);
  const terms = definedTerms(index.text);
  const findings: RawFinding[] = [
    ...requirementFindings(index, list, kind),
    ...(terms.length > 0 ? [finding({ severity: "info" as const, title: "Defined terms", detail: `${count(terms.length, "defined term")}: ${terms.slice(0, 8).map((t) => t.term).join(", ")}.`, spans: terms.slice(0, 4).map((t) => t.span) })] : []),
    ...versionFindings(index, all, kind),
    ...exampleFindings(index),
  ];
  const byLevel = LEVELS.map((l) => `${l.level}: ${list.filter((r) => r.level === l.level).length}`).join(", ");
  const result = renderResult({
    title: "specification & documentation",
    lead: `Read ${count(all.length, "heading")}, ${count(terms.length, "defined term")} and ${count(list.length, "normative requirement")} (${byLevel}).`,
    sections: [
      { heading: "Structure", lines: all.slice(0, 30).map((s) => `${s.number ? `${s.number} ` : ""}${clip(s.title, 70)}`), empty: "No headings recognised." },
      { heading: "Defined terms", lines: terms.slice(0, 20).map((t) => t.term), empty: "No defined terms recognised." },
      { heading: "Requirements", lines: list.slice(0, 15).map((r) => `${r.level}: ${quoted(r.sentence, 110)}`), empty: "No RFC 2119 keywords (MUST, SHOULD, MAY) used." },
    ],
    findings,
  });
  return { status: "success", result, findings };
};
