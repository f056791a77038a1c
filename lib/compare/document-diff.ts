import { diffLines, type ChangeObject } from "diff";
import type { Finding, Severity } from "../engine/findings";

export type PassageFinding = { run: "a" | "b"; index: number; title: string; severity: Severity };

/**
 * One passage of the line diff of two documents. Offsets are character offsets into each text
 * (`a*` for removed and same passages, `b*` for added and same). Changed passages list the
 * findings whose citations fall in them. Long unchanged passages keep only their ends (`elided`
 * characters left out).
 */
export type DiffPassage = {
  kind: "same" | "added" | "removed";
  text: string;
  aStart?: number;
  aEnd?: number;
  bStart?: number;
  bEnd?: number;
  elided?: number;
  findings: PassageFinding[];
};

export type DocumentDiff = { passages: DiffPassage[]; added: number; removed: number } | { tooLarge: true; reason: string };

/** Context kept at each end of an unchanged passage. */
const CONTEXT_CHARS = 160;

/**
 * Line diff of two versions of a document (jsdiff's Myers diff, run in its asynchronous mode so
 * a large diff yields to other requests; bounded by `timeoutMs` and `maxEditLines`), with each
 * changed passage linked to the findings of the run whose document it belongs to.
 */
export async function diffDocuments(input: {
  a: { text: string; findings: readonly Finding[] };
  b: { text: string; findings: readonly Finding[] };
  timeoutMs?: number;
  maxEditLines?: number;
}): Promise<DocumentDiff> {
  const changes = await new Promise<ChangeObject<string>[] | undefined>((resolve) => {
    diffLines(input.a.text, input.b.text, { timeout: input.timeoutMs ?? 5_000, maxEditLength: input.maxEditLines ?? 20_000, callback: resolve });
  });
  if (!changes) return { tooLarge: true, reason: "The documents differ too much to show a line diff." };
  let aPos = 0;
  let bPos = 0;
  let added = 0;
  let removed = 0;
  const passages: DiffPassage[] = [];
  for (const change of changes) {
    const length = change.value.length;
    if (change.added) {
      passages.push({ kind: "added", text: change.value, bStart: bPos, bEnd: bPos + length, findings: citing("b", input.b.findings, bPos, bPos + length) });
      bPos += length;
      added += change.count ?? 0;
    } else if (change.removed) {
      passages.push({ kind: "removed", text: change.value, aStart: aPos, aEnd: aPos + length, findings: citing("a", input.a.findings, aPos, aPos + length) });
      aPos += length;
      removed += change.count ?? 0;
    } else {
      passages.push({ kind: "same", aStart: aPos, aEnd: aPos + length, bStart: bPos, bEnd: bPos + length, findings: [], ...elide(change.value) });
      aPos += length;
      bPos += length;
    }
  }
  return { passages, added, removed };
}

/**
 * A long unchanged passage keeps about `CONTEXT_CHARS` at each end, cut at a line break (or,
 * when that would keep less than half of it, between words) so no word is shown cut in two;
 * `elided` is the number of characters left out.
 */
function elide(text: string): { text: string; elided?: number } {
  if (text.length <= CONTEXT_CHARS * 2 + 40) return { text };
  const head = headOf(text.slice(0, CONTEXT_CHARS));
  const tail = tailOf(text.slice(-CONTEXT_CHARS));
  return { text: `${head}\n…\n${tail}`, elided: text.length - head.length - tail.length };
}

function headOf(s: string): string {
  const line = s.lastIndexOf("\n");
  if (line >= CONTEXT_CHARS / 2) return s.slice(0, line + 1);
  const word = s.lastIndexOf(" ");
  return word > 0 ? s.slice(0, word + 1) : s;
}

function tailOf(s: string): string {
  const line = s.indexOf("\n", 0);
  // The passage ends with its own line break: one found there is no line start.
  if (line >= 0 && line < s.length - 1 && line <= CONTEXT_CHARS / 2) return s.slice(line + 1);
  const word = s.indexOf(" ");
  return word >= 0 && word < s.length - 1 ? s.slice(word + 1) : s;
}

function citing(run: "a" | "b", findings: readonly Finding[], start: number, end: number): PassageFinding[] {
  return findings.flatMap((f, index) => (f.citations.some((c) => c.start < end && start < c.end) ? [{ run, index, title: f.title, severity: f.severity }] : []));
}
