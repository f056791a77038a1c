import type { RawFinding } from "../../../engine/findings";
import { amounts, dates, durations, impossibleDates, organisations, partiesBetween, partyRoles, people, percentages, wordDigitMismatches } from "../facts";
import { injectionFindings } from "../injection";
import { count, finding, quoted, renderResult } from "../output";
import { distinctSpans, type Span } from "../text";
import type { Analyzer } from "./types";

const LIST_LIMIT = 12;
const QUOTE_LIMIT = 6;

type FactGroup = { heading: string; noun: string | readonly [string, string]; spans: Span[] };

function factGroups(text: string): FactGroup[] {
  const parties = distinctSpans([...partiesBetween(text), ...partyRoles(text), ...organisations(text)], LIST_LIMIT);
  return [
    { heading: "Parties and organisations", noun: ["party or organisation", "parties or organisations"], spans: parties },
    { heading: "People", noun: ["person", "people"], spans: distinctSpans(people(text), LIST_LIMIT) },
    { heading: "Dates", noun: "date", spans: distinctSpans(dates(text), LIST_LIMIT) },
    { heading: "Amounts of money", noun: "amount", spans: distinctSpans(amounts(text), LIST_LIMIT) },
    { heading: "Percentages", noun: "percentage", spans: distinctSpans(percentages(text), LIST_LIMIT) },
    { heading: "Durations and deadlines", noun: "duration", spans: distinctSpans(durations(text), LIST_LIMIT) },
  ];
}

function inconsistencies(text: string): RawFinding[] {
  const mismatches = wordDigitMismatches(text).map((m) =>
    finding({
      severity: "warning",
      title: "Number in words and digits disagree",
      detail: `The words say ${m.words} but the digits say ${m.digits}; which one applies is ambiguous.`,
      recommendation: "Make the words and the figure match.",
      spans: [m.span],
    }),
  );
  const impossible = impossibleDates(text).map((d) =>
    finding({
      severity: "warning",
      title: "Date that does not exist",
      detail: `${d.quote} is not a valid calendar date.`,
      recommendation: "Correct the date.",
      spans: [d],
    }),
  );
  return [...mismatches, ...impossible];
}

/** One info finding per kind of fact, citing the first few occurrences. */
function listingFindings(groups: readonly FactGroup[]): RawFinding[] {
  return groups
    .filter((g) => g.spans.length > 0)
    .map((g) =>
      finding({
        severity: "info",
        title: g.heading,
        detail: `${count(g.spans.length, g.noun)} stated: ${g.spans
          .slice(0, QUOTE_LIMIT)
          .map((s) => s.quote)
          .join("; ")}.`,
        spans: g.spans.slice(0, QUOTE_LIMIT),
      }),
    );
}

export const keyFacts: Analyzer = ({ index }) => {
  const groups = factGroups(index.text);
  const findings = [...inconsistencies(index.text), ...injectionFindings(index), ...listingFindings(groups)];
  const total = groups.reduce((n, g) => n + g.spans.length, 0);
  const result = renderResult({
    title: "key facts",
    lead: total > 0 ? `Found ${count(total, "fact")} by pattern (parties, people, dates, amounts, percentages, durations).` : "No parties, people, dates, amounts, percentages or durations were recognised.",
    sections: groups.map((g) => ({ heading: g.heading, lines: g.spans.map((s) => quoted(s)) })),
    findings,
  });
  return { status: "success", result, findings };
};
