import type { WorkerName } from "../../engine/catalogue";
import type { Priority } from "../../engine/plan";
import type { DocumentKind } from "./classify";

/** One task of a kind's default plan; its id is the worker name (one task per worker). */
export type TaskTemplate = { worker: WorkerName; priority: Priority; dependsOn: readonly WorkerName[]; description: string; focus: string };

const summary = (what: string): TaskTemplate => ({
  worker: "summarizer",
  priority: "low",
  dependsOn: [],
  description: `Summarise the ${what} in a few of its own key sentences.`,
  focus: "main points, faithful to the text",
});

export const TEMPLATES: Record<DocumentKind, readonly TaskTemplate[]> = {
  contract: [
    { worker: "key-facts", priority: "medium", dependsOn: [], description: "List the parties, dates, amounts and durations the contract states.", focus: "parties, effective date, fees, notice periods, term" },
    { worker: "clause-analyzer", priority: "high", dependsOn: [], description: "Walk the contract clause by clause: who must do what, by when.", focus: "obligations, deadlines, one-sided duties" },
    { worker: "contract-risk", priority: "high", dependsOn: ["clause-analyzer"], description: "Assess liability, indemnity, IP, termination, renewal and data-protection risk.", focus: "uncapped liability, indemnities, auto-renewal, missing protections" },
    summary("contract"),
    { worker: "reviewer", priority: "medium", dependsOn: ["contract-risk", "clause-analyzer"], description: "Cross-check the clause and risk analyses for gaps and disagreements.", focus: "contradictions, missing coverage" },
  ],
  licence: [
    { worker: "licence-terms", priority: "high", dependsOn: [], description: "Analyse the licence: grant, conditions (attribution, copyleft scope, patents), warranty disclaimer, limitation of liability, termination and compatibility.", focus: "what users may do, what they must do, what the licensor disclaims" },
    summary("licence"),
    { worker: "key-facts", priority: "low", dependsOn: [], description: "List the versions, dates, periods and organisations the licence names.", focus: "version, dates, cure periods" },
    { worker: "reviewer", priority: "medium", dependsOn: ["licence-terms"], description: "Cross-check the licence analysis for gaps.", focus: "terms the analysis missed" },
  ],
  policy: [
    { worker: "clause-analyzer", priority: "high", dependsOn: [], description: "Walk the policy section by section: what the operator and the user must do.", focus: "user obligations, operator duties, deadlines" },
    { worker: "contract-risk", priority: "high", dependsOn: ["clause-analyzer"], description: "Assess the terms' risk for the user: unilateral changes, termination, liability, data protection.", focus: "changes without notice, termination at will, liability caps, personal data" },
    { worker: "key-facts", priority: "medium", dependsOn: [], description: "List the operator, dates, retention periods and ages the policy states.", focus: "who, retention periods, effective date" },
    summary("policy"),
    { worker: "reviewer", priority: "medium", dependsOn: ["contract-risk", "clause-analyzer"], description: "Cross-check the clause and risk analyses for gaps and disagreements.", focus: "contradictions, missing coverage" },
  ],
  specification: [
    { worker: "spec-structure", priority: "high", dependsOn: [], description: "Map the specification: structure, defined terms, normative requirements (MUST/SHALL), versioning and examples.", focus: "requirement levels, undefined terms, ambiguous requirements" },
    summary("specification"),
    { worker: "key-facts", priority: "low", dependsOn: [], description: "List the versions, dates and figures the specification states.", focus: "version, dates, limits" },
    { worker: "reviewer", priority: "medium", dependsOn: ["spec-structure"], description: "Cross-check the specification analysis for gaps.", focus: "sections the analysis did not cover" },
  ],
  manual: [
    { worker: "spec-structure", priority: "high", dependsOn: [], description: "Map the manual: structure, defined terms, instructions, versioning and examples.", focus: "steps, warnings, version, examples" },
    summary("manual"),
    { worker: "key-facts", priority: "low", dependsOn: [], description: "List the versions, dates, durations and contacts the manual states.", focus: "version, intervals, contacts" },
    { worker: "reviewer", priority: "medium", dependsOn: ["spec-structure"], description: "Cross-check the manual analysis for gaps.", focus: "sections the analysis did not cover" },
  ],
  "academic-paper": [
    { worker: "report-structure", priority: "high", dependsOn: [], description: "Map the paper's sections and flag missing or thin ones.", focus: "abstract, method, results, limitations, references" },
    { worker: "data-metrics", priority: "high", dependsOn: [], description: "Extract the metrics, baselines, sample sizes and significance tests.", focus: "sample sizes, baselines, p-values" },
    { worker: "evidence-checker", priority: "high", dependsOn: ["data-metrics"], description: "Check each claim and conclusion against the evidence presented.", focus: "overreaching conclusions, causal claims" },
    summary("paper"),
    { worker: "reviewer", priority: "medium", dependsOn: ["report-structure", "data-metrics", "evidence-checker"], description: "Cross-check structure, data and evidence findings for gaps and disagreements.", focus: "contradictions, missing coverage" },
  ],
  readme: [
    { ...summary("README or changelog"), priority: "high" },
    { worker: "spec-structure", priority: "medium", dependsOn: [], description: "Map the structure, versions and release history, and check for usage examples.", focus: "versions, breaking changes, examples" },
    { worker: "key-facts", priority: "low", dependsOn: [], description: "List the versions, dates and requirements it states.", focus: "versions, release dates, requirements" },
  ],
  "technical-report": [
    { worker: "report-structure", priority: "high", dependsOn: [], description: "Map the report's sections and flag missing or thin ones.", focus: "method, results, limitations" },
    { worker: "data-metrics", priority: "high", dependsOn: [], description: "Extract the metrics, units, baselines and sample sizes.", focus: "sample sizes, baselines, percentages" },
    { worker: "evidence-checker", priority: "high", dependsOn: ["data-metrics"], description: "Check each conclusion against the evidence presented.", focus: "overreaching conclusions, causal claims" },
    summary("report"),
    { worker: "reviewer", priority: "medium", dependsOn: ["report-structure", "data-metrics", "evidence-checker"], description: "Cross-check structure, data and evidence findings for gaps and disagreements.", focus: "contradictions, missing coverage" },
  ],
  "news-article": [
    { worker: "claims-sources", priority: "high", dependsOn: [], description: "List the factual claims and who they are attributed to.", focus: "anonymous sources, unsourced statistics" },
    { worker: "bias-tone", priority: "high", dependsOn: [], description: "Identify loaded wording, speculation and missing perspectives.", focus: "loaded words, one-sided framing" },
    { worker: "key-facts", priority: "medium", dependsOn: [], description: "List the people, organisations, dates and figures in the article.", focus: "who, when, how much" },
    summary("article"),
    { worker: "reviewer", priority: "medium", dependsOn: ["claims-sources", "bias-tone"], description: "Cross-check sourcing and tone findings for gaps and disagreements.", focus: "contradictions, missing coverage" },
  ],
  "source-code": [
    { worker: "code-security", priority: "high", dependsOn: [], description: "Review the code for vulnerabilities.", focus: "injection, eval, secrets, unsafe APIs" },
    { worker: "code-performance", priority: "medium", dependsOn: [], description: "Find performance problems.", focus: "nested loops, I/O in loops, blocking calls" },
    { worker: "code-style", priority: "low", dependsOn: [], description: "Review readability and documentation.", focus: "docstrings, error handling, TODOs" },
    summary("code"),
    { worker: "reviewer", priority: "medium", dependsOn: ["code-security", "code-performance", "code-style"], description: "Cross-check the security, performance and style reviews.", focus: "overlaps, severity disagreements, gaps" },
  ],
  general: [
    { worker: "key-facts", priority: "high", dependsOn: [], description: "List the concrete facts: people, organisations, dates, amounts.", focus: "who, when, how much" },
    { ...summary("document"), priority: "high" },
    { worker: "reviewer", priority: "low", dependsOn: ["key-facts"], description: "Check the extracted facts for gaps and inconsistencies.", focus: "missing or inconsistent facts" },
  ],
};

/** Request wording that asks for one aspect; matched workers replace the kind's full plan. */
export const STEERS: readonly { re: RegExp; worker: WorkerName }[] = [
  { re: /\bsecur\w*|\bvulnerab\w*|\binjection\b|\bsecrets?\b|\bexploit\w*/i, worker: "code-security" },
  { re: /\bperforman\w*|\bslow\w*|\bspeed\b|\bcomplexit\w*|\boptimi[sz]\w*/i, worker: "code-performance" },
  { re: /\bstyle\b|\breadab\w*|\bdocstrings?\b|\bnaming\b|\blint\w*/i, worker: "code-style" },
  { re: /\brisk\w*|\bliabilit\w*|\bindemn\w*|\bred flags?\b/i, worker: "contract-risk" },
  { re: /\bclauses?\b|\bobligations?\b|\bduties\b/i, worker: "clause-analyzer" },
  { re: /\bkey facts?\b|\bfacts\b|\bdates?\b|\bdeadlines?\b|\bamounts?\b|\bparties\b/i, worker: "key-facts" },
  { re: /\bbias\w*|\btone\b|\bloaded\b|\bframing\b/i, worker: "bias-tone" },
  { re: /\bsources?\b|\bsourcing\b|\bclaims?\b|\battribut\w*|\bfact-?check\w*/i, worker: "claims-sources" },
  { re: /\bstructure\b|\bsections?\b|\blimitations\b/i, worker: "report-structure" },
  { re: /\bmetrics?\b|\bstatistic\w*|\bfigures\b|\bsample sizes?\b|\bnumbers\b/i, worker: "data-metrics" },
  { re: /\bevidence\b|\bconclusions?\b|\boverclaim\w*|\bsupported\b/i, worker: "evidence-checker" },
  { re: /\blicen[cs]\w*|\bcopyleft\b|\bpermissions?\b|\bwarrant(?:y|ies)\b|\bpatents?\b/i, worker: "licence-terms" },
  { re: /\brequirements?\b|\bMUST\b|\bnormative\b|\bdefin(?:ed|itions?) terms?\b|\bversion(?:s|ing)?\b|\bexamples?\b/i, worker: "spec-structure" },
  { re: /\bsummar\w*|\btl;?dr\b|\bgist\b|\boverview\b/i, worker: "summarizer" },
];

/**
 * Wording that asks for everything (including the app's default "key points, risks and issues"):
 * steering is ignored and the full plan runs.
 */
export const FULL_ANALYSIS = /\b(?:full|complete|thorough|comprehensive|everything|all aspects|in[- ]depth|overall|key points|general analysis)\b/i;
/** A request naming this many different aspects is a general analysis too. */
export const MANY_ASPECTS = 3;

/** A narrow search the catalogue does not cover becomes the plan's one custom task. */
export const CUSTOM_REQUEST = /\b(?:find|search for|look for|locate|list (?:all|every)|check (?:for|whether)|(?:any )?mentions? of)\s+(?:all\s+|any\s+|every\s+)?(?:mentions? of\s+|references? to\s+)?(.{3,80}?)\s*(?:[?.!]|$)/i;

/** Workers a request may steer to for a kind: its own plan's workers plus the generic ones. */
export function steerableWorkers(kind: DocumentKind): Set<WorkerName> {
  return new Set<WorkerName>([...TEMPLATES[kind].map((t) => t.worker), "key-facts", "summarizer"]);
}
