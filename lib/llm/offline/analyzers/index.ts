import type { WorkerName } from "../../../engine/catalogue";
import { CUSTOM_WORKER } from "../../../engine/plan";
import { biasTone } from "./bias-tone";
import { claimsSources } from "./claims-sources";
import { clauseAnalyzer } from "./clause-analyzer";
import { codePerformance } from "./code-performance";
import { codeSecurity } from "./code-security";
import { codeStyle } from "./code-style";
import { contractRisk } from "./contract-risk";
import { custom } from "./custom";
import { dataMetrics } from "./data-metrics";
import { evidenceChecker } from "./evidence-checker";
import { keyFacts } from "./key-facts";
import { licenceTerms } from "./licence-terms";
import { reportStructure } from "./report-structure";
import { reviewer } from "./reviewer";
import { specStructure } from "./spec-structure";
import { summarizer } from "./summarizer";
import type { Analyzer } from "./types";

/** One analyser per catalogue worker; the Record makes a new catalogue worker a compile error here. */
const ANALYZERS: Record<WorkerName | typeof CUSTOM_WORKER, Analyzer> = {
  "key-facts": keyFacts,
  "clause-analyzer": clauseAnalyzer,
  "contract-risk": contractRisk,
  "report-structure": reportStructure,
  "data-metrics": dataMetrics,
  "evidence-checker": evidenceChecker,
  "claims-sources": claimsSources,
  "bias-tone": biasTone,
  "code-security": codeSecurity,
  "code-performance": codePerformance,
  "code-style": codeStyle,
  "licence-terms": licenceTerms,
  "spec-structure": specStructure,
  summarizer,
  reviewer,
  [CUSTOM_WORKER]: custom,
};

export function analyzerFor(worker: string): Analyzer | undefined {
  return Object.hasOwn(ANALYZERS, worker) ? ANALYZERS[worker as keyof typeof ANALYZERS] : undefined;
}

export type { Analyzer, AnalyzerContext } from "./types";
