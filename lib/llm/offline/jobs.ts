import type { Document } from "../../documents/document";
import type { Citation, RawFinding } from "../../engine/findings";
import type { DependencyResult, TaskSummary } from "../../engine/model-port";
import type { Plan, PlanTask } from "../../engine/plan";
import { analyzerFor } from "./analyzers";
import { OFFLINE_BANNER, type AnalyzerResult } from "./output";
import { buildPlan } from "./plan-builder";
import { synthesizeNarrative } from "./synthesize";
import { offlineFollowUp } from "./follow-up";
import { indexFor } from "./index-cache";

/**
 * The offline engine's three kinds of work as plain, structured-cloneable data, so they can run
 * in a worker thread (worker-entry.ts) as well as in-process. No signals, callbacks or zod schemas
 * cross this boundary: the port keeps those on its side.
 */
export type OfflineJob =
  | { kind: "plan"; document: Document; request: string; workers: readonly string[]; maxTasks: number; repairErrors?: readonly string[]; revision?: { previous: Plan; note: string } }
  | { kind: "work"; document: Document; request: string; task: PlanTask; dependencies: readonly DependencyResult[]; plan?: readonly PlanTask[] }
  | { kind: "synthesize"; document: Document; request: string; plan: Plan; tasks: readonly TaskSummary[] };

export type OfflineJobResult =
  | { kind: "plan"; plan: Plan }
  | { kind: "work"; output: AnalyzerResult; error?: string; followUp?: string }
  | { kind: "synthesize"; text: string; citations: Citation[] };

/**
 * A task reports at most this many findings (the most severe, in their order). A long document
 * repeats patterns thousands of times; the engine, the reviewer and the report compare findings
 * pairwise, so an unbounded list would make them quadratic in the document's length.
 */
export const MAX_FINDINGS_PER_TASK = 40;

const RANK = { critical: 0, warning: 1, info: 2 } as const;

function mostSevere(findings: readonly RawFinding[], limit: number): RawFinding[] {
  if (findings.length <= limit) return [...findings];
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .slice(0, limit)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.f);
}

/** Runs one job to completion, synchronously (the caller decides which thread this blocks). */
export function runOfflineJob(job: OfflineJob): OfflineJobResult {
  switch (job.kind) {
    case "plan":
      return {
        kind: "plan",
        plan: buildPlan({
          document: job.document,
          request: job.request,
          catalogue: job.workers.map((name) => ({ name })),
          maxTasks: job.maxTasks,
          ...(job.repairErrors ? { repair: { errors: job.repairErrors } } : {}),
          ...(job.revision ? { revision: job.revision } : {}),
        }),
      };
    case "work": {
      const analyzer = analyzerFor(job.task.worker);
      if (!analyzer) {
        const result = `${OFFLINE_BANNER} — the offline engine has no analyser for worker “${job.task.worker}”.`;
        return { kind: "work", output: { status: "failed", result, findings: [] }, error: `No offline analyser for worker "${job.task.worker}".` };
      }
      const output = analyzer({ document: job.document, index: indexFor(job.document), task: job.task, request: job.request, dependencies: job.dependencies });
      // The follow-up scan reads the whole text too, so it runs here, off the caller's thread.
      const followUp = offlineFollowUp({ document: job.document, task: job.task, ...(job.plan ? { plan: job.plan } : {}) });
      return { kind: "work", output: { ...output, findings: mostSevere(output.findings, MAX_FINDINGS_PER_TASK) }, ...(followUp ? { followUp } : {}) };
    }
    case "synthesize":
      return { kind: "synthesize", ...synthesizeNarrative({ document: job.document, request: job.request, plan: job.plan, tasks: job.tasks }) };
  }
}
