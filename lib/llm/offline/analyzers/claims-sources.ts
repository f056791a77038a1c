import type { RawFinding } from "../../../engine/findings";
import { attributionOf, isFurniture, statesFigure, type Attribution } from "../attribution";
import { count, finding, quoted, renderResult } from "../output";
import type { Span, TextIndex } from "../text";
import type { Analyzer } from "./types";

export type Claim = { sentence: Span; attribution: Attribution; figure: boolean };

/** Sentences that carry a claim: attributed statements and any sentence stating a figure. */
export function claims(index: TextIndex): Claim[] {
  return index.sentences
    .filter((s) => !isFurniture(s))
    .map((sentence) => ({ sentence, attribution: attributionOf(sentence.quote), figure: statesFigure(sentence.quote) }))
    .filter((c) => c.figure || c.attribution.kind !== "none");
}

function anonymousFindings(list: readonly Claim[]): RawFinding[] {
  return list
    .filter((c) => c.attribution.kind === "anonymous")
    .map((c) =>
      finding({
        severity: "warning",
        title: "Anonymous source",
        detail: `The claim rests on ${c.attribution.kind === "anonymous" ? `“${c.attribution.source}”` : "an unnamed source"}${c.figure ? " and includes a figure" : ""}; readers cannot judge the source's reliability.`,
        recommendation: "Corroborate with a named source or document, or say why anonymity was granted.",
        spans: [c.sentence],
      }),
    );
}

function unsourcedFindings(list: readonly Claim[]): RawFinding[] {
  return list
    .filter((c) => c.figure && c.attribution.kind === "none")
    .slice(0, 8)
    .map((c) =>
      finding({
        severity: "warning",
        title: "Unsourced statistic",
        detail: "This sentence states a figure without saying where it comes from.",
        recommendation: "Attribute the figure to a named source, study or dataset.",
        spans: [c.sentence],
      }),
    );
}

function sourceLabel(a: Attribution): string {
  switch (a.kind) {
    case "named":
      return `source: ${a.source}`;
    case "anonymous":
      return "source: anonymous";
    case "none":
      return "**no source**";
  }
}

export const claimsSources: Analyzer = ({ index }) => {
  const list = claims(index);
  const findings = [...anonymousFindings(list), ...unsourcedFindings(list)];
  const named = new Set(list.flatMap((c) => (c.attribution.kind === "named" ? [c.attribution.source] : [])));
  const result = renderResult({
    title: "claims & sources",
    lead: `Found ${count(list.length, "claim")} (attributed statements and figures); ${count(named.size, "named source")}, ${list.filter((c) => c.attribution.kind === "anonymous").length} anonymous, ${list.filter((c) => c.attribution.kind === "none").length} unattributed.`,
    sections: [
      { heading: "Claims", lines: list.slice(0, 25).map((c) => `${quoted(c.sentence, 110)} — ${sourceLabel(c.attribution)}`), empty: "No claims found." },
      { heading: "Named sources", lines: [...named] },
    ],
    findings,
  });
  return { status: "success", result, findings };
};
