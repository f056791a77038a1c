import { readFileSync } from "node:fs";
import path from "node:path";
import type { Document } from "@/lib/documents/document";
import { ingestDocument } from "@/lib/documents/ingest";
import { CATALOGUE } from "@/lib/engine/catalogue";
import type { Finding, RawFinding } from "@/lib/engine/findings";
import type { DependencyResult, TaskSummary } from "@/lib/engine/model-port";
import type { Plan } from "@/lib/engine/plan";
import { ZERO_USAGE } from "@/lib/engine/usage";
import { runOfflineJob } from "@/lib/llm/offline/jobs";

/** A fixture file read through real ingestion (HTML stripped, code detected). */
export async function loadFixture(file: string): Promise<Document> {
  const bytes = new Uint8Array(readFileSync(path.join("tests", "fixtures", file)));
  return ingestDocument({ bytes, fileName: path.basename(file) });
}

/** Offline raw findings as the engine stores them (the offline engine's spans are exact). */
function verified(raw: readonly RawFinding[], taskId: string): Finding[] {
  return raw.map((f) => ({
    severity: f.severity,
    title: f.title,
    detail: f.detail,
    ...(f.recommendation ? { recommendation: f.recommendation } : {}),
    citations: f.quotes.flatMap((q) => (q.start !== undefined && q.end !== undefined ? [{ start: q.start, end: q.end, quote: q.quote }] : [])),
    unverifiedQuotes: [],
    taskId,
  }));
}

export type PipelineRun = { plan: Plan; findings: Array<RawFinding & { taskId: string }>; narrative: string; citations: { start: number; end: number; quote: string }[] };

/**
 * The offline engine's plan → tasks (in dependency order, each given its dependencies' outputs) →
 * synthesis, in-process and synchronously: what a run shows, without the engine's scheduling.
 */
export function runOfflinePipeline(document: Document, request: string): PipelineRun {
  const planned = runOfflineJob({ kind: "plan", document, request, workers: CATALOGUE.map((w) => w.name), maxTasks: 8 });
  if (planned.kind !== "plan") throw new Error("plan job answered with another kind");
  const done = new Map<string, TaskSummary>();
  const findings: PipelineRun["findings"] = [];
  const pending = [...planned.plan.tasks];
  while (pending.length > 0) {
    const index = pending.findIndex((t) => t.dependsOn.every((d) => done.has(d)));
    const task = pending.splice(index === -1 ? 0 : index, 1)[0];
    if (!task) break;
    const dependencies: DependencyResult[] = task.dependsOn.flatMap((id) => {
      const dep = done.get(id);
      return dep?.output ? [{ taskId: id, worker: dep.task.worker, description: dep.task.description, status: "succeeded" as const, output: dep.output }] : [];
    });
    const out = runOfflineJob({ kind: "work", document, request, task, dependencies });
    if (out.kind !== "work") throw new Error("work job answered with another kind");
    findings.push(...out.output.findings.map((f) => ({ ...f, taskId: task.id })));
    done.set(task.id, { task, status: "succeeded", output: { ...out.output, findings: verified(out.output.findings, task.id), errors: [], usage: ZERO_USAGE, timing: { startedAt: "", endedAt: "", durationMs: 0 } } });
  }
  const synthesis = runOfflineJob({ kind: "synthesize", document, request, plan: planned.plan, tasks: [...done.values()] });
  if (synthesis.kind !== "synthesize") throw new Error("synthesis job answered with another kind");
  return { plan: planned.plan, findings, narrative: synthesis.text, citations: synthesis.citations };
}
