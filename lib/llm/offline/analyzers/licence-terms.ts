import type { RawFinding } from "../../../engine/findings";
import { count, finding, quoted, renderResult, type ResultSection } from "../output";
import { sentencesMatching, type Span, type TextIndex } from "../text";
import type { Analyzer } from "./types";
import { identifyLicence, type LicenceFamily } from "../licence-family";

/**
 * A licence's terms: grant, conditions (attribution, copyleft scope, patents), warranty
 * disclaimer, limitation of liability, termination, compatibility. Every cited finding quotes a
 * sentence that contains the term it is about; what a licence lacks is reported without a quote.
 */
/** A term and its wordings, most telling first: the first wording found anywhere is the one cited. */
type Term = { heading: string; patterns: readonly RegExp[] };

/** A phrase as a pattern that tolerates hard-wrapped lines (any run of whitespace between words). */
function phrase(text: string, flags = "i"): RegExp {
  return new RegExp(`\\b${text.split(" ").join("\\s+")}\\b`, flags);
}

const TERMS = {
  grant: { heading: "Grant", patterns: [phrase("permission is hereby granted"), phrase("hereby grants?"), phrase("unlimited permission"), phrase("rights granted under this License"), /\bgrants?\s+(?:to\s+)?you\b/i] },
  attribution: { heading: "Attribution and notices", patterns: [/\b(?:retain|keep\s+intact|reproduce|include|preserve)\b[^.]{0,160}\b(?:copyright\s+notices?|attribution\s+notices?|permission\s+notice|NOTICE\s+file|notices?)\b/i] },
  copyleft: { heading: "Copyleft", patterns: [phrase("entire work, as a whole"), phrase("must also be made available in Source Code Form"), phrase("under the terms of this License"), phrase("same licen[cs]e")] },
  patent: { heading: "Patents", patterns: [/\bpatent\s+licen[cs]e\b[^.]{0,80}\b(?:to\s+make|make,\s+have\s+made|royalty-free)|\broyalty-free\b[^.]{0,60}\bpatent\s+licen[cs]e\b/i, phrase("Grant of Patent License"), /\bunder\s+Patent\s+Claims\b/i, phrase("patent licen[cs]e")] },
  patentRetaliation: { heading: "Patent retaliation", patterns: [/\b(?:institute|initiate|commence)s?\s+(?:patent\s+)?litigation\b[^.]{0,200}\bpatent/i, /\bpatent\s+infringement\b[^.]{0,200}\bterminat\w*/i] },
  warranty: { heading: "Warranty disclaimer", patterns: [/\bprovided\b[^.]{0,120}\bas\s+is\b/i, /\bAS\s+IS\b/, /\bWITHOUT\s+WARRANT(?:Y|IES)\b/i, phrase("NO WARRANTY"), /\bdisclaim\w*\b[^.]{0,60}\bwarrant/i] },
  liability: { heading: "Limitation of liability", patterns: [/\bIN\s+NO\s+EVENT\b[^.]{0,300}\bLIABLE\b/i, /\bshall\s+(?:not|in\s+no\s+event)\s+be\s+liable\b/i, /\bnot\s+be\s+liable\b/i, phrase("LIMITATION OF LIABILITY")] },
  termination: { heading: "Termination", patterns: [/\bterminat\w*\b[^.]{0,120}\b(?:automatically|if\s+you\s+fail|breach|violat\w*|non-?compliance)\b|\b(?:automatically|breach|violat\w*)\b[^.]{0,120}\bterminat\w*/i] },
  reinstatement: { heading: "Reinstatement", patterns: [/\breinstat\w*/i, /\bcease(?:s)?\s+all\s+violation/i, /\bbecome\s+compliant\b/i] },
} as const satisfies Record<string, Term>;

type Scope = { label: string; severity: "warning" | "info"; detail: string };

/** How far the licence's share-alike obligation reaches, from its own wording. */
function copyleftScope(text: string): Scope | undefined {
  if (/\bRemote Network Interaction\b|\binteract with it remotely through a computer network\b/i.test(text))
    return { label: "network copyleft (whole work, including use over a network)", severity: "warning", detail: "Anyone who modifies the program and lets users interact with it over a network must offer them its source code." };
  if (/\bentire work, as a whole\b|\bwork based on the Program\b/i.test(text))
    return { label: "strong copyleft (the whole combined work)", severity: "warning", detail: "A work that incorporates the licensed code must, as a whole, be released under this licence with its source code when conveyed." };
  if (/\bCombined Work\b|\bthe Library\b/.test(text) && /\bLesser\b/.test(text))
    return { label: "weak copyleft (the library itself)", severity: "info", detail: "Changes to the library must stay under this licence; software that only links to it may use other terms." };
  if (/\bLarger Work\b|\bCovered Software\b/.test(text))
    return { label: "weak copyleft (file by file)", severity: "info", detail: "Files under this licence, and changes to them, must stay under it and be available as source; they may be combined with files under other terms." };
  return undefined;
}

/** The first sentence with the term's most telling wording that occurs (one pass per wording). */
function first(index: TextIndex, term: Term): Span[] {
  for (const re of term.patterns) {
    const hit = sentencesMatching(index.sentences, re)[0];
    if (hit) return [hit];
  }
  return [];
}

function absent(title: string, detail: string, recommendation: string): RawFinding {
  return finding({ severity: "warning", title, detail, recommendation, spans: [] });
}

function termFindings(index: TextIndex, scope: Scope | undefined): RawFinding[] {
  const out: RawFinding[] = [];
  const grant = first(index, TERMS.grant);
  if (grant.length > 0) out.push(finding({ severity: "info", title: "Licence grant", detail: "What the licence permits, and to whom.", spans: grant }));
  const attribution = first(index, TERMS.attribution);
  if (attribution.length > 0) out.push(finding({ severity: "info", title: "Attribution condition: keep the notices", detail: "Redistributions must keep the copyright and licence notices.", recommendation: "Ship the licence text and notices with every copy.", spans: attribution }));
  const copyleft = first(index, TERMS.copyleft);
  if (scope) out.push(finding({ severity: scope.severity, title: `Copyleft: ${scope.label}`, detail: scope.detail, recommendation: "Check every product that includes this code against the share-alike obligation before shipping it.", spans: copyleft }));
  const patent = first(index, TERMS.patent);
  if (patent.length > 0) out.push(finding({ severity: "info", title: "Patent licence granted", detail: "Contributors grant a licence to the patents their contributions practise.", spans: patent }));
  const retaliation = first(index, TERMS.patentRetaliation);
  if (retaliation.length > 0) out.push(finding({ severity: "warning", title: "Patent retaliation: suing ends the patent licence", detail: "A licensee who brings a patent claim over the software loses the patent licence (and possibly the whole licence).", spans: retaliation }));
  const warranty = first(index, TERMS.warranty);
  out.push(
    warranty.length > 0
      ? finding({ severity: "warning", title: "Warranty disclaimer: provided “as is”", detail: "The licensor gives no warranty; the risk of defects lies with the user.", recommendation: "Get any warranty you need from a supplier under a separate contract.", spans: warranty })
      : absent("No warranty disclaimer", "The licence does not disclaim warranties; depending on the law, implied warranties may apply to the licensor.", "Licensors usually add an “AS IS” disclaimer."),
  );
  const liability = first(index, TERMS.liability);
  out.push(
    liability.length > 0
      ? finding({ severity: "warning", title: "Limitation of liability: licensors not liable", detail: "Licensors exclude liability for damages arising from the software, so users bear their own losses.", spans: liability })
      : absent("No limitation of liability", "The licence does not limit the licensor's liability.", "Licensors usually exclude liability for damages."),
  );
  const termination = first(index, TERMS.termination);
  if (termination.length > 0) out.push(finding({ severity: "info", title: "Termination on breach", detail: "The licence ends when its terms are broken.", spans: termination }));
  const reinstatement = first(index, TERMS.reinstatement);
  if (reinstatement.length > 0 && termination.length > 0) out.push(finding({ severity: "info", title: "Reinstatement after a cure", detail: "Rights come back when the breach is cured in time.", spans: reinstatement }));
  return out;
}

function compatibilityLines(family: LicenceFamily | undefined): string[] {
  if (!family) return ["The licence was not recognised as a common open-source licence; check compatibility by hand."];
  return [`Recognised as ${family.name}.`, ...family.compatibility];
}

export const licenceTerms: Analyzer = ({ index }) => {
  const scope = copyleftScope(index.text);
  const family = identifyLicence(index.text);
  const findings = termFindings(index, scope);
  const sections: ResultSection[] = [
    ...(Object.values(TERMS) as Term[]).map((t) => ({ heading: t.heading, lines: first(index, t).map((s) => quoted(s, 160)), empty: "Not stated." })),
    { heading: "Copyleft scope", lines: [scope ? scope.label : "No share-alike obligation found (a permissive licence)."] },
    { heading: "Compatibility notes", lines: compatibilityLines(family) },
  ];
  const result = renderResult({
    title: "licence terms",
    lead: `Read this licence for its grant, conditions, disclaimers and termination: ${count(findings.length, "term")} reported${family ? `; it reads as ${family.name}` : ""}.`,
    sections,
    findings,
  });
  return { status: "success", result, findings };
};
