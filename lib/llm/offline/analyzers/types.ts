import type { Document } from "../../../documents/document";
import type { DependencyResult } from "../../../engine/model-port";
import type { PlanTask } from "../../../engine/plan";
import type { AnalyzerResult } from "../output";
import type { TextIndex } from "../text";

/** Everything an offline analyser may read. Analysers are pure: same input, same output. */
export type AnalyzerContext = {
  document: Document;
  index: TextIndex;
  task: PlanTask;
  request: string;
  dependencies: readonly DependencyResult[];
};

export type Analyzer = (ctx: AnalyzerContext) => AnalyzerResult;

export type CompletedDependency = Extract<DependencyResult, { status: "succeeded" | "partial" }>;
export type MissingDependency = Extract<DependencyResult, { status: "failed" | "skipped" }>;

export function isCompleted(d: DependencyResult): d is CompletedDependency {
  return d.status === "succeeded" || d.status === "partial";
}
