import type { Document } from "../../documents/document";
import type { Citation } from "../../engine/findings";
import type { DependencyResult, TaskSummary } from "../../engine/model-port";
import type { Plan, PlanTask } from "../../engine/plan";
import { analyzerFor } from "./analyzers";
import { OFFLINE_BANNER, type AnalyzerResult } from "./output";
import { buildPlan } from "./plan-builder";
import { synthesizeNarrative } from "./synthesize";
import { indexText, type TextIndex } from "./text";

/**
 * The offline engine's three kinds of work as plain, structured-cloneable data, so they can run
 * in a worker thread (worker-entry.ts) as well as in-process. No signals, callbacks or zod schemas
 * cross this boundary: the port keeps those on its side.
 */
export type OfflineJob =
  | { kind: "plan"; document: Document; request: string; workers: readonly string[]; maxTasks: number; repairErrors?: readonly string[] }
  | { kind: "work"; document: Document; request: string; task: PlanTask; dependencies: readonly DependencyResult[] }
  | { kind: "synthesize"; document: Document; request: string; plan: Plan; tasks: readonly TaskSummary[] };

export type OfflineJobResult =
  | { kind: "plan"; plan: Plan }
  | { kind: "work"; output: AnalyzerResult; error?: string }
  | { kind: "synthesize"; text: string; citations: Citation[] };

/**
 * The text index of the last documents seen, keyed by content hash: the tasks of one run read the
 * same document, and indexing it (lines, sentences) is a large share of each analyser's time.
 */
const INDEX_CACHE_SIZE = 2;
const indexCache = new Map<string, TextIndex>();

function indexFor(document: Document): TextIndex {
  const key = `${document.sha256}:${document.text.length}`;
  const hit = indexCache.get(key);
  if (hit) return hit;
  const index = indexText(document.text);
  indexCache.set(key, index);
  for (const old of indexCache.keys()) {
    if (indexCache.size <= INDEX_CACHE_SIZE) break;
    indexCache.delete(old);
  }
  return index;
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
        }),
      };
    case "work": {
      const analyzer = analyzerFor(job.task.worker);
      if (!analyzer) {
        const result = `${OFFLINE_BANNER} — the offline engine has no analyser for worker “${job.task.worker}”.`;
        return { kind: "work", output: { status: "failed", result, findings: [] }, error: `No offline analyser for worker "${job.task.worker}".` };
      }
      const output = analyzer({ document: job.document, index: indexFor(job.document), task: job.task, request: job.request, dependencies: job.dependencies });
      return { kind: "work", output };
    }
    case "synthesize":
      return { kind: "synthesize", ...synthesizeNarrative({ document: job.document, request: job.request, plan: job.plan, tasks: job.tasks }) };
  }
}
