import type { Finding } from "../engine/findings";
import type { RunState } from "../engine/run-state";
import { totalTokens } from "../engine/usage";
import { diffDocuments, type DocumentDiff } from "./document-diff";
import { compareFindings, type FindingComparison } from "./match-findings";
import { comparePlans, type PlanComparison } from "./match-plans";

/** One run as the comparison needs it: its state (from the log) and its document's text. */
export type CompareInput = { id: string; createdAt: string; state: RunState; documentText: string };

export type RunSide = {
  id: string;
  createdAt: string;
  status: string;
  title: string;
  fileName: string;
  sha256: string;
  request: string;
  backend: string;
  models: RunState["models"] | null;
  review: boolean;
  edited: boolean;
  taskCount: number;
  findingCount: number;
  /** Wall time from start to end (null while running). */
  durationMs: number | null;
  tokens: number;
  costUsd: number;
  narrative: string | null;
  findings: Finding[];
};

export type RunComparison = {
  a: RunSide;
  b: RunSide;
  /** "same": identical text; "versions": two texts with the same title; "different": unrelated documents. */
  documents: "same" | "versions" | "different";
  plans: PlanComparison;
  findings: FindingComparison;
  /** Present when the texts differ: the line diff with changed passages linked to findings. */
  documentDiff: DocumentDiff | null;
};

/**
 * Puts two runs side by side: plans (tasks matched by worker and description), findings
 * (matched by overlapping citations or similar titles: added / removed / changed severity),
 * reports, time, tokens and cost, and — when the documents differ — a text diff.
 */
export async function compareRuns(a: CompareInput, b: CompareInput): Promise<RunComparison> {
  const sideA = side(a);
  const sideB = side(b);
  const documents = sideA.sha256 === sideB.sha256 ? "same" : normalizeTitle(sideA.title) === normalizeTitle(sideB.title) ? "versions" : "different";
  return {
    a: sideA,
    b: sideB,
    documents,
    plans: comparePlans(a.state.plan?.tasks ?? [], b.state.plan?.tasks ?? []),
    findings: compareFindings(sideA.findings, sideB.findings, { sameText: documents === "same" }),
    documentDiff:
      documents === "same"
        ? null
        : await diffDocuments({ a: { text: a.documentText, findings: sideA.findings }, b: { text: b.documentText, findings: sideB.findings } }),
  };
}

function side(input: CompareInput): RunSide {
  const { state } = input;
  const findings = state.report?.findings ?? [];
  return {
    id: input.id,
    createdAt: input.createdAt,
    status: state.status,
    title: state.document?.title || state.document?.fileName || "",
    fileName: state.document?.fileName ?? "",
    sha256: state.document?.sha256 ?? "",
    request: state.request,
    backend: state.backend ?? "",
    models: state.models ?? null,
    review: state.review,
    edited: state.planEdits.length > 0,
    taskCount: state.taskOrder.length,
    findingCount: findings.length,
    durationMs: state.startedAt && state.endedAt ? new Date(state.endedAt).getTime() - new Date(state.startedAt).getTime() : null,
    tokens: totalTokens(state.usage),
    costUsd: state.usage.costUsd,
    narrative: state.report?.narrative ?? null,
    findings,
  };
}

function normalizeTitle(title: string): string {
  return title.trim().toLowerCase().replace(/\s+/g, " ");
}
