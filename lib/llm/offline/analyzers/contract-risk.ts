import type { RawFinding, Severity } from "../../../engine/findings";
import { count, finding, renderResult } from "../output";
import { clauses, sectionAt, sections, type Section } from "../sections";
import { KIND_LABEL, classify, type DocumentKind } from "../classify";
import { distinctSpans, findAll, type TextIndex } from "../text";
import type { Analyzer } from "./types";

type Rule = { title: string; severity: Severity; re: RegExp; detail: string; recommendation: string };

const RULES: readonly Rule[] = [
  {
    title: "Unlimited liability",
    severity: "critical",
    re: /\b(?:unlimited|uncapped)\s+liabilit(?:y|ies)\b|\bliabilit(?:y|ies)\b[^.\n]{0,100}\b(?:(?:shall|will) not be (?:limited|capped)|is not (?:limited|capped)|without (?:any\s+)?(?:limit(?:ation)?|cap)|(?:shall|will)\s+be\s+(?:unlimited|uncapped)|is\s+(?:unlimited|uncapped))\b/gi,
    detail: "Liability is not capped, so one claim could exceed the contract's value many times over.",
    recommendation: "Cap aggregate liability (e.g. at the fees paid in the previous 12 months), with narrow carve-outs.",
  },
  {
    title: "Broad indemnity",
    severity: "warning",
    re: /\bindemnif(?:y|ies|ied|ication)\b[^.\n]{0,200}/gi,
    detail: "An indemnity shifts third-party losses to one party; broad wording (“any and all”) makes it open-ended.",
    recommendation: "Limit the indemnity to losses caused by the indemnifying party's breach or negligence, and cap it.",
  },
  {
    title: "Unilateral discretion",
    severity: "warning",
    re: /\b(?:sole|absolute|unfettered)\s+(?:and\s+absolute\s+)?discretion\b/gi,
    detail: "One party may decide alone, without an objective standard.",
    recommendation: "Replace with “acting reasonably” or objective criteria.",
  },
  {
    title: "Automatic renewal",
    severity: "warning",
    re: /\b(?:automatically\s+renew(?:s|ed)?|auto-?renew(?:s|al|ed)?|renew(?:s|ed)?\s+automatically|shall\s+renew\s+for\s+(?:successive|additional|further))\b/gi,
    detail: "The contract renews unless someone acts in time; a missed notice window locks both parties in.",
    recommendation: "Shorten the renewal term or require express renewal; diarise the notice deadline.",
  },
  {
    title: "Termination for convenience",
    severity: "warning",
    re: /\bterminat\w*\s+(?:this\s+\w+\s+)?for\s+convenience\b|\bmay\s+terminat\w*\b[^.\n]{0,80}\b(?:at any time|for any reason|without cause|with or without cause)\b/gi,
    detail: "A party can end the contract without any breach, which removes revenue or supply certainty.",
    recommendation: "Make it mutual, add a notice period and compensation for work in progress.",
  },
  {
    title: "Broad IP assignment",
    severity: "warning",
    re: /\bassigns?\b[^.\n]{0,80}\b(?:all|any)\b[^.\n]{0,60}\b(?:intellectual property|IP\b|copyright|rights?,\s*title\s+and\s+interest)|\ball\s+right,\s*title\s+and\s+interest\b/gi,
    detail: "All intellectual property (possibly including pre-existing IP) passes to the other party.",
    recommendation: "Exclude background IP and assign only deliverables created under this contract; take a licence back.",
  },
  {
    title: "Penalty or liquidated damages",
    severity: "warning",
    re: /\b(?:penalt(?:y|ies)|liquidated\s+damages|service\s+credits?)\b/gi,
    detail: "Fixed sums are payable on breach or delay; they may be disproportionate or unenforceable.",
    recommendation: "Check the amounts against the likely loss and cap the total.",
  },
  {
    title: "Acceleration on termination",
    severity: "warning",
    re: /\b(?:remainder|balance|rest)\s+of\s+the\s+(?:then[- ]current\s+|initial\s+)?term\b[^.\n]{0,80}\b(?:due|payable)\b|\bbecomes?\s+immediately\s+(?:due|payable)\b/gi,
    detail: "Ending the contract makes all future fees payable at once, which can make termination (even for breach) prohibitively expensive.",
    recommendation: "Limit sums due on termination to fees for services already delivered.",
  },
  {
    title: "High late-payment interest",
    severity: "warning",
    re: /\binterest\b[^.\n]{0,40}\b\d+(?:\.\d+)?\s?%\s*(?:per|a|each)\s+(?:month|week|day)\b/gi,
    detail: "Interest is charged per month (or shorter period), which compounds to a very high annual rate.",
    recommendation: "Use a statutory or annual rate (e.g. base rate + a few percent per year).",
  },
  {
    title: "Price increases",
    severity: "info",
    re: /\b(?:fees?|prices?|charges?|rates?)\s+(?:will\s+|shall\s+|may\s+)?(?:increase|rise|be increased)\b[^.\n]{0,60}/gi,
    detail: "Prices rise automatically or at one party's choice.",
    recommendation: "Cap increases (e.g. at CPI) and require notice.",
  },
  {
    title: "Unilateral changes",
    severity: "warning",
    re: /\b(?:may|can|reserves the right to)\s+(?:amend|modify|change|vary|update)\b[^.\n]{0,80}\b(?:at any time|without (?:prior\s+)?(?:notice|consent))\b/gi,
    detail: "One party may change the terms without the other's agreement.",
    recommendation: "Require written agreement of both parties for any change.",
  },
];

/** A protective clause whose absence is a risk, and the kinds of document that are expected to have it. */
type Absence = { title: string; severity: Severity; present: RegExp; expectedIn: readonly DocumentKind[]; detail: string; recommendation: string };

const ABSENCES: readonly Absence[] = [
  {
    title: "No data-protection clause",
    severity: "warning",
    present: /\b(?:data protection|GDPR|personal data|privacy|data process(?:ing|or)|CCPA|HIPAA)\b/i,
    expectedIn: ["contract", "policy"],
    detail: "Nothing says how personal data is processed, secured or returned, although the contract may involve it.",
    recommendation: "Add data-protection terms (roles, security measures, breach notice, sub-processors, deletion).",
  },
  {
    title: "No confidentiality clause",
    severity: "warning",
    present: /\bconfidential/i,
    // Between two parties who exchange information; a licence or a public policy has no counter-party to bind.
    expectedIn: ["contract"],
    detail: "Nothing obliges the parties to keep each other's information confidential.",
    recommendation: "Add mutual confidentiality obligations that survive termination.",
  },
  {
    title: "No limitation of liability",
    severity: "warning",
    present: /\b(?:limitation of liability|aggregate liability|in no event|unlimited|uncapped)\b|\bliabilit\w*\b[^.\n]{0,100}\b(?:limited to|shall not exceed|capped|not be limited)\b/i,
    expectedIn: ["contract", "policy"],
    detail: "No clause caps or excludes either party's liability.",
    recommendation: "Add a limitation-of-liability clause with a cap and exclusion of indirect loss.",
  },
  {
    title: "No governing law",
    severity: "info",
    present: /\b(?:governing law|governed by|laws of|jurisdiction)\b/i,
    expectedIn: ["contract", "policy"],
    detail: "The contract does not say which law governs it or where disputes are heard.",
    recommendation: "Add a governing-law and jurisdiction clause.",
  },
];

function where(all: readonly Section[], at: { start: number }): string {
  const s = sectionAt(all, at);
  return s ? ` (clause ${s.number ? `${s.number} ` : ""}${s.title})` : "";
}

function ruleFindings(index: TextIndex, all: readonly Section[]): RawFinding[] {
  return RULES.flatMap((rule) => {
    const spans = distinctSpans(findAll(index.text, rule.re).map((s) => index.around(s)), 3);
    if (spans.length === 0) return [];
    const anyAll = rule.title === "Broad indemnity" && spans.some((s) => /\b(?:any and all|all claims|whatsoever|howsoever)\b/i.test(s.quote));
    const detail = `${rule.detail}${where(all, spans[0] ?? { start: 0 })}${spans.length > 1 ? ` Found ${spans.length} times.` : ""}`;
    return [finding({ severity: anyAll ? "critical" : rule.severity, title: rule.title, detail, recommendation: rule.recommendation, spans })];
  });
}

/**
 * Protective clauses the document lacks, only where its kind is expected to have them. A missing
 * clause has no passage, so the finding cites nothing.
 */
function absenceFindings(index: TextIndex, kind: DocumentKind): RawFinding[] {
  return ABSENCES.filter((a) => a.expectedIn.includes(kind) && !a.present.test(index.text)).map((a) =>
    finding({ severity: a.severity, title: a.title, detail: `${a.detail} (Expected in a ${KIND_LABEL[kind]}; nothing in the text covers it.)`, recommendation: a.recommendation, spans: [] }),
  );
}

export const contractRisk: Analyzer = ({ document, index, dependencies }) => {
  const all = clauses(index);
  const kind = classify(document);
  const findings = [...ruleFindings(index, sections(index)), ...absenceFindings(index, kind)];
  const critical = findings.filter((f) => f.severity === "critical").length;
  const usedClauseMap = dependencies.some((d) => d.worker === "clause-analyzer" && (d.status === "succeeded" || d.status === "partial"));
  const result = renderResult({
    title: "contract risk",
    lead: `Checked ${RULES.length} risky-term patterns and the ${ABSENCES.filter((a) => a.expectedIn.includes(kind)).length} protective clauses a ${KIND_LABEL[kind]} is expected to have, across ${count(all.length, "clause")}${usedClauseMap ? " (clause map from the clause analysis)" : ""}: ${count(findings.length, "risk")}, ${critical} critical.`,
    findings,
  });
  return { status: "success", result, findings };
};
