import type { Finding } from "../engine/findings";
import { matchGreedy, similarity } from "./similarity";

export type FindingPair = { a: Finding; b: Finding; how: "citation" | "title" };
export type FindingComparison = {
  /** Only in run B. */
  added: Finding[];
  /** Only in run A. */
  removed: Finding[];
  /** In both, with a different severity. */
  changedSeverity: FindingPair[];
  /** In both, same severity. */
  unchanged: FindingPair[];
};

/** Titles at least this similar (word Jaccard) match even without shared evidence. */
export const TITLE_MATCH = 0.5;

/**
 * Matches findings of two runs. Two findings are the same when their evidence overlaps — cited
 * spans that overlap (same document text) or an identical quote (two versions of a document) —
 * or when their titles are similar; evidence wins over titles when both could pair.
 */
export function compareFindings(a: readonly Finding[], b: readonly Finding[], options: { sameText: boolean }): FindingComparison {
  const score = (x: Finding, y: Finding): number | undefined => {
    const titles = similarity(x.title, y.title);
    if (sharesEvidence(x, y, options.sameText)) return 2 + titles; // evidence first: always above a title-only score (≤ 1)
    return titles >= TITLE_MATCH ? titles : undefined;
  };
  const { pairs, onlyA, onlyB } = matchGreedy(a, b, score, 0);
  const matched = pairs.map(({ a: i, b: j, score: s }) => ({ a: a[i] as Finding, b: b[j] as Finding, how: s >= 2 ? ("citation" as const) : ("title" as const) }));
  return {
    added: onlyB.map((j) => b[j] as Finding),
    removed: onlyA.map((i) => a[i] as Finding),
    changedSeverity: matched.filter((p) => p.a.severity !== p.b.severity),
    unchanged: matched.filter((p) => p.a.severity === p.b.severity),
  };
}

function sharesEvidence(x: Finding, y: Finding, sameText: boolean): boolean {
  return x.citations.some((c) =>
    y.citations.some((d) => (sameText ? c.start < d.end && d.start < c.end : c.quote.trim() !== "" && c.quote === d.quote)),
  );
}
