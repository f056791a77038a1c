import type { Document } from "../documents/document";
import type { TaskOutcome } from "./dag-runner";
import { SEVERITY_ORDER, type Citation, type Finding } from "./findings";
import { verifyCitation } from "./locate-quotes";
import type { TaskSummary } from "./model-port";
import type { Plan } from "./plan";
import type { Report } from "./report";

/** Pairs every planned task with how it ended, for the synthesiser and the report. */
export function summarizeTasks(plan: Plan, outcomes: ReadonlyMap<string, TaskOutcome>): TaskSummary[] {
  return plan.tasks.map((task) => {
    const outcome = outcomes.get(task.id);
    if (!outcome) return { task, status: "skipped", reason: "did not run" };
    if (outcome.status === "skipped") return { task, status: "skipped", reason: outcome.reason };
    if (outcome.status === "failed") return { task, status: "failed", reason: outcome.reason, ...(outcome.output ? { output: outcome.output } : {}) };
    return { task, status: outcome.status, output: outcome.output };
  });
}

/**
 * The engine's half of the report: merged findings, every gap, coverage of every task. The
 * model's narrative is added as is, its citations kept only where they verify.
 */
export function buildReport(input: {
  document: Document;
  tasks: readonly TaskSummary[];
  narrative: string;
  citations: readonly Citation[];
  direct: boolean;
  /** Why the narrative is unfinished, if it is. */
  incomplete?: string;
}): Report {
  const citations = input.citations.flatMap((c) => verifyCitation(input.document, c) ?? []);
  return {
    narrative: input.narrative,
    citations: dedupeCitations(citations),
    findings: mergeFindings(input.tasks.flatMap((t) => t.output?.findings ?? [])),
    gaps: input.tasks
      .filter((t) => t.status === "failed" || t.status === "skipped")
      .map((t) => ({ taskId: t.task.id, description: t.task.description, reason: t.reason ?? t.status })),
    coverage: input.tasks.map((t) => ({
      taskId: t.task.id,
      worker: t.task.worker,
      status: t.status,
      findingCount: t.output?.findings.length ?? 0,
    })),
    direct: input.direct,
    ...(input.incomplete ? { incomplete: input.incomplete } : {}),
  };
}

/**
 * Two findings about the same passage with the same title are one finding; when workers disagree
 * on its severity the more severe rating wins (a reader should not miss a risk).
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const merged: Finding[] = [];
  for (const finding of findings) {
    const twin = merged.findIndex((m) => sameIssue(m, finding));
    if (twin === -1) {
      merged.push(finding);
      continue;
    }
    const kept = merged[twin] as Finding;
    const winner = rank(finding) < rank(kept) ? finding : kept;
    merged[twin] = { ...winner, citations: dedupeCitations([...kept.citations, ...finding.citations]) };
  }
  return merged.sort((a, b) => rank(a) - rank(b) || firstStart(a) - firstStart(b));
}

function sameIssue(a: Finding, b: Finding): boolean {
  if (normalize(a.title) !== normalize(b.title)) return false;
  if (a.citations.length === 0 || b.citations.length === 0) return a.citations.length === b.citations.length;
  return a.citations.some((x) => b.citations.some((y) => x.start < y.end && y.start < x.end));
}

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
const rank = (f: Finding) => SEVERITY_ORDER.indexOf(f.severity);
const firstStart = (f: Finding) => f.citations[0]?.start ?? Number.MAX_SAFE_INTEGER;

function dedupeCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
