import type { Finding, RawFinding } from "../../../engine/findings";
import type { DependencyResult } from "../../../engine/model-port";
import { classify } from "../classify";
import { injectionFindings } from "../injection";
import { count, finding, renderResult } from "../output";
import { coverableSections, shortTitle } from "../coverable-sections";
import { sameIssue } from "../finding-match";
import { overlaps, type Span, type TextIndex } from "../text";
import { isCompleted, type Analyzer, type CompletedDependency, type MissingDependency } from "./types";

type Completed = CompletedDependency;
type Missing = MissingDependency;
type Owned = { finding: Finding; dep: Completed; primary?: Span };

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/** A dependency's citation re-checked against the text, so the reviewer never cites a stale span. */
function verified(index: TextIndex, f: Finding): Span | undefined {
  const c = f.citations[0];
  return c && index.text.slice(c.start, c.end) === c.quote && c.quote.length > 0 ? { start: c.start, end: c.end, quote: c.quote } : undefined;
}

function gapFindings(missing: readonly Missing[]): RawFinding[] {
  return missing.map((d) =>
    finding({
      severity: "warning",
      title: `Missing input: ${d.worker}`,
      detail: `Task “${d.taskId}” (${d.description}) ${d.status}: ${d.reason}. Its checks are missing from this review, so its part of the document is not covered.`,
      recommendation: `Re-run the ${d.worker} task or review that aspect manually.`,
      spans: [],
    }),
  );
}

function pairFindings(owned: readonly Owned[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (let i = 0; i < owned.length; i++) {
    for (let j = i + 1; j < owned.length; j++) {
      const a = owned[i];
      const b = owned[j];
      if (!a || !b || a.dep.taskId === b.dep.taskId) continue;
      if (!sameIssue({ title: a.finding.title, primary: a.primary }, { title: b.finding.title, primary: b.primary })) continue;
      const sameSpan = a.primary !== undefined && b.primary !== undefined;
      const [hi, lo] = RANK[a.finding.severity] <= RANK[b.finding.severity] ? [a, b] : [b, a];
      const disagree = hi.finding.severity !== lo.finding.severity;
      out.push(
        finding({
          severity: disagree ? "warning" : "info",
          title: disagree ? "Severity disagreement" : "Overlapping findings",
          detail: `“${hi.finding.title}” (${hi.dep.worker}, ${hi.finding.severity}) and “${lo.finding.title}” (${lo.dep.worker}, ${lo.finding.severity}) ${sameSpan ? "cite the same passage" : "report the same issue"}.${disagree ? ` Treat it as ${hi.finding.severity}: the more severe reading is the safer one to act on.` : " They are one issue, not two."}`,
          spans: hi.primary ? [hi.primary] : [],
        }),
      );
    }
  }
  return out.slice(0, 8);
}

function unsupportedFindings(owned: readonly Owned[]): RawFinding[] {
  return owned
    .filter((o) => o.finding.unverifiedQuotes.length > 0)
    .slice(0, 5)
    .map((o) =>
      finding({
        severity: "info",
        title: "Finding with unverified quotes",
        detail: `“${o.finding.title}” (${o.dep.worker}) quotes text that is not in the document: ${o.finding.unverifiedQuotes.map((q) => `“${q.slice(0, 60)}”`).join(", ")}.`,
        spans: [],
      }),
    );
}

/** Headed sections that no dependency's finding cites (prose documents only). */
function coverageFindings(index: TextIndex, owned: readonly Owned[], isCode: boolean): RawFinding[] {
  if (isCode || owned.length === 0) return [];
  const cited = owned.flatMap((o) => o.finding.citations);
  return coverableSections(index)
    .filter((s) => !cited.some((c) => c.start < s.end && c.end > s.heading.start))
    .slice(0, 3)
    .map((s) => finding({ severity: "info", title: `Not covered: ${shortTitle(s.title)}`, detail: "No task cited anything in this section; nothing is known about it from this run.", spans: [s.heading] }));
}

/** Prompt-injection passages no dependency already reported. */
function injectionGaps(index: TextIndex, owned: readonly Owned[]): RawFinding[] {
  const reported = owned.filter((o) => o.finding.title === "Possible prompt injection").flatMap((o) => o.finding.citations);
  return injectionFindings(index).filter((f) => !f.quotes.some((q) => reported.some((c) => q.start !== undefined && q.end !== undefined && overlaps(c, { start: q.start, end: q.end }))));
}

function countLine(d: DependencyResult): string {
  if (!isCompleted(d)) return `${d.taskId} (${d.worker}): **${d.status}** — ${d.reason}`;
  const by = (s: Finding["severity"]): number => d.output.findings.filter((f) => f.severity === s).length;
  return `${d.taskId} (${d.worker}): ${d.status}, ${count(d.output.findings.length, "finding")} — ${by("critical")} critical, ${by("warning")} warning, ${by("info")} info`;
}

export const reviewer: Analyzer = ({ document, index, dependencies }) => {
  const completed = dependencies.filter(isCompleted);
  const missing = dependencies.filter((d): d is Missing => !isCompleted(d));
  const owned: Owned[] = completed.flatMap((dep) =>
    dep.output.findings.map((f) => {
      const primary = verified(index, f);
      return primary ? { finding: f, dep, primary } : { finding: f, dep };
    }),
  );
  const isCode = document.format === "code" || classify(document) === "source-code";
  const findings = [...gapFindings(missing), ...pairFindings(owned), ...unsupportedFindings(owned), ...coverageFindings(index, owned, isCode), ...injectionGaps(index, owned)];
  const result = renderResult({
    title: "review",
    lead:
      dependencies.length === 0
        ? "No dependencies to review; only the document-level checks ran."
        : `Reviewed ${count(dependencies.length, "task")}: ${completed.length} completed, ${missing.length} missing; ${count(owned.length, "finding")} compared for overlaps and disagreements.`,
    sections: [
      { heading: "Inputs", lines: dependencies.map(countLine), empty: "None." },
      { heading: "Missing", lines: missing.map((d) => `${d.worker} (“${d.taskId}”): ${d.reason}`), empty: "Nothing missing." },
    ],
    findings,
  });
  return { status: missing.length > 0 || dependencies.length === 0 ? "partial" : "success", result, findings };
};
