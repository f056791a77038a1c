import { contentWords, samePassage } from "./text";

/**
 * When two findings from different tasks are about the same issue: the same passage and related
 * titles ("Unlimited liability" / "Uncapped liability"), or the same title with no passage to
 * compare. Two different issues that happen to cite one sentence are not merged or "in conflict".
 */
export type Comparable = { title: string; primary?: { start: number; end: number } | undefined };

const GENERIC = new Set(["missing", "possible", "clause", "section", "finding", "issue", "without", "inside", "word", "words", "loaded", "line"]);

function stems(title: string): Set<string> {
  return new Set(contentWords(title.replace(/-/g, " ")).filter((w) => !GENERIC.has(w) && w.length >= 4).map((w) => w.slice(0, 5)));
}

export function relatedTitles(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const sa = stems(a);
  return [...stems(b)].some((s) => sa.has(s));
}

export function sameIssue(a: Comparable, b: Comparable): boolean {
  if (a.primary && b.primary) return samePassage(a.primary, b.primary) && relatedTitles(a.title, b.title);
  return a.title.toLowerCase() === b.title.toLowerCase();
}
