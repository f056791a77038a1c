import type { RawFinding } from "../../../engine/findings";
import { partyRoles } from "../facts";
import { count, finding, quoted, renderResult } from "../output";
import { clauses, type Section } from "../sections";
import { clip, lastStartingAtOrBefore, type Span, type TextIndex } from "../text";
import type { Analyzer } from "./types";

export type Obligation = { sentence: Span; party: string; mutual: boolean; deadline: boolean; action: boolean; clause?: Section };

const OBLIGATION = /\b(?:shall|must|agrees?\s+to|undertakes?\s+to|is\s+(?:required|obliged|obligated)\s+to)\b/;
const PARTY = /(?:^|[^\p{L}])((?:Each|Either|Both|Neither|No)\s+part(?:y|ies)|(?:[A-Z][\p{L}-]*\s+){0,2}[A-Z][\p{L}-]*)\s+(?:shall|must|agrees?\s+to|undertakes?\s+to|is\s+(?:required|obliged|obligated)\s+to)\b/u;
const NOT_A_PARTY = /^(?:Agreement|Contract|Term|It|Such|Any|All|Notice|Payment|Fees?|Services?|Clause|Section|The|This)$/;
const MUTUAL = /^(?:Each|Either|Both|Neither|No)\b|\bParties\b/i;
const DEADLINE = /\b(?:within|by|no later than|not later than|before|after|prior to|promptly|immediately|forthwith|on or before|upon|each|every|daily|weekly|monthly|quarterly|annually|days?|weeks?|months?|years?|date|deadline)\b/i;
const ACTION = /\b(?:shall|must|agrees?\s+to|undertakes?\s+to)\s+(?:not\s+)?(?:promptly\s+)?(?:deliver|pay|provide|notify|return|perform|submit|remedy|complete|invoice|supply|reimburse|repair|replace|respond|furnish|send|inform|install|remit|refund|destroy)\b/i;

function partyOf(sentence: string): { party: string; mutual: boolean } | undefined {
  const m = PARTY.exec(sentence);
  const raw = m?.[1]?.trim();
  if (!raw) return undefined;
  const mutual = MUTUAL.test(raw);
  const party = raw.replace(/^(?:The|This|That|Each|Either|Both|Neither|No)\s+/, "");
  if (!mutual && NOT_A_PARTY.test(party)) return undefined;
  return { party: mutual ? "both parties" : party, mutual };
}

/** Every obligation sentence with its obligated party, deadline and clause. Exported for reuse by contract checks. */
export function obligations(index: TextIndex, all: readonly Section[]): Obligation[] {
  const out: Obligation[] = [];
  for (const sentence of index.sentences) {
    if (!OBLIGATION.test(sentence.quote)) continue;
    const who = partyOf(sentence.quote);
    if (!who) continue;
    const clause = lastStartingAtOrBefore(all, sentence.start, (c) => c.heading.start);
    const base = { sentence, ...who, deadline: DEADLINE.test(sentence.quote), action: ACTION.test(sentence.quote) };
    out.push(clause ? { ...base, clause } : base);
  }
  return out;
}

function oneSided(list: readonly Obligation[], roles: readonly string[]): RawFinding[] {
  const tally = new Map<string, Obligation[]>();
  for (const o of list.filter((x) => !x.mutual)) push(tally, o.party, o);
  for (const role of roles) if (!tally.has(role)) tally.set(role, []);
  const ranked = [...tally.entries()].sort((a, b) => b[1].length - a[1].length);
  const [top, ...rest] = ranked;
  if (!top || top[1].length < 3 || rest.length === 0) return [];
  const others = rest.reduce((n, [, v]) => n + v.length, 0);
  if (top[1].length < others * 3) return [];
  const idle = rest.filter(([, v]) => v.length === 0).map(([k]) => k);
  return [
    finding({
      severity: others === 0 ? "warning" : "info",
      title: "One-sided obligations",
      detail: `${top[0]} carries ${count(top[1].length, "obligation")}; the other parties ${others === 0 ? `carry none${idle.length ? ` (${idle.join(", ")})` : ""}` : `carry ${others} in total`}.`,
      recommendation: "Check that the counter-party's obligations (payment, cooperation, acceptance) are stated.",
      spans: top[1].slice(0, 3).map((o) => o.sentence),
    }),
  ];
}

function withoutDeadline(list: readonly Obligation[]): RawFinding[] {
  return list
    .filter((o) => o.action && !o.deadline)
    .slice(0, 5)
    .map((o) =>
      finding({
        severity: "info",
        title: "Obligation without a deadline",
        detail: `${o.party} must act here, but no time limit is stated${o.clause ? ` (clause ${o.clause.number || o.clause.title})` : ""}.`,
        recommendation: "Add a time limit (e.g. “within 30 days of …”).",
        spans: [o.sentence],
      }),
    );
}

function clauseLine(c: Section, byClause: ReadonlyMap<Section, readonly Obligation[]>): string {
  const mine = byClause.get(c) ?? [];
  const label = `**${c.number ? `${c.number} ` : ""}${clip(c.title, 60)}**`;
  if (mine.length === 0) return `${label} — no obligation wording.`;
  const items = mine.slice(0, 3).map((o) => `${o.party}: ${quoted(o.sentence, 90)}${o.deadline ? "" : " _(no deadline)_"}`);
  return `${label} — ${count(mine.length, "obligation")}: ${items.join("; ")}`;
}

export const clauseAnalyzer: Analyzer = ({ index }) => {
  const all = clauses(index);
  const list = obligations(index, all);
  const roles = [...new Set(partyRoles(index.text).map((r) => r.quote))];
  const findings = [...oneSided(list, roles), ...withoutDeadline(list)];
  const grouped = byClause(list);
  const result = renderResult({
    title: "clauses & obligations",
    lead:
      all.length > 0
        ? `Read ${count(all.length, "clause")} (numbered or headed sections) and ${count(list.length, "obligation")} (“shall”, “must”, “agrees to”).`
        : `No numbered or headed clauses were recognised; ${count(list.length, "obligation")} found in running text.`,
    sections: [
      { heading: "Clauses", lines: all.slice(0, 25).map((c) => clauseLine(c, grouped)), empty: "No clauses recognised." },
      { heading: "Obligations by party", lines: partyLines(list) },
    ],
    findings,
  });
  return { status: all.length > 0 ? "success" : "partial", result, findings };
};

function byClause(list: readonly Obligation[]): Map<Section, Obligation[]> {
  const out = new Map<Section, Obligation[]>();
  for (const o of list) if (o.clause) push(out, o.clause, o);
  return out;
}

/** Appends in place (copying the array per item would make grouping quadratic). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function partyLines(list: readonly Obligation[]): string[] {
  const by = new Map<string, number>();
  for (const o of list) by.set(o.party, (by.get(o.party) ?? 0) + 1);
  return [...by.entries()].sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p}: ${count(n, "obligation")}`);
}
