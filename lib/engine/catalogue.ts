import { z } from "zod";
import { rawFindingSchema } from "./findings";
import { CUSTOM_WORKER } from "./plan";

/**
 * What every worker returns to the engine (model-facing: quotes, not spans). One shape for all
 * workers keeps synthesis and the UI uniform; the worker's own focus lives in its instructions.
 */
export const workerModelOutputSchema = z.object({
  status: z.enum(["success", "partial", "failed"]),
  /** The worker's answer as Markdown. */
  result: z.string(),
  findings: z.array(rawFindingSchema),
  errors: z.array(z.string()),
  /** Follow-up the task needs that the plan lacks ("the indemnity refers to Schedule 4, which nobody analyses"). */
  followUp: z.string().optional(),
});
export type WorkerModelOutput = z.infer<typeof workerModelOutputSchema>;

export type WorkerName =
  | "key-facts"
  | "clause-analyzer"
  | "contract-risk"
  | "report-structure"
  | "data-metrics"
  | "evidence-checker"
  | "claims-sources"
  | "bias-tone"
  | "code-security"
  | "code-performance"
  | "code-style"
  | "licence-terms"
  | "spec-structure"
  | "summarizer"
  | "reviewer";

export type WorkerSpec = {
  name: WorkerName | typeof CUSTOM_WORKER;
  title: string;
  bestFor: string;
  notFor: string;
  instructions: string;
  outputSchema: typeof workerModelOutputSchema;
};

const spec = (s: Omit<WorkerSpec, "outputSchema">): WorkerSpec => ({ ...s, outputSchema: workerModelOutputSchema });

export const CATALOGUE: readonly WorkerSpec[] = [
  spec({
    name: "key-facts",
    title: "Key facts",
    bestFor: "any document: parties, people, organisations, dates, deadlines, amounts, durations",
    notFor: "judging whether the facts are risky, true or well supported",
    instructions:
      "List the concrete facts the document states: who is involved, every date or deadline, every amount of money, percentage and duration. Quote each one verbatim. Flag missing or inconsistent facts (e.g. an amount stated twice differently) as warnings.",
  }),
  spec({
    name: "clause-analyzer",
    title: "Clauses & obligations",
    bestFor: "contracts and policies: each clause, who must do what, by when, under which condition",
    notFor: "judging legal risk (use contract-risk) or non-contract documents",
    instructions:
      "Walk the contract clause by clause. For each obligation state the obligated party, the action, the deadline and any condition, quoting the clause. Flag one-sided obligations, obligations without a deadline and undefined terms.",
  }),
  spec({
    name: "contract-risk",
    title: "Contract risk",
    bestFor: "contracts: liability, indemnity, IP ownership, termination, auto-renewal, governing law, data protection and compliance",
    notFor: "summarising or listing every clause",
    instructions:
      "Assess legal and commercial risk: unlimited or uncapped liability, broad indemnities, IP assignment, termination for convenience, automatic renewal, unilateral changes, penalties, missing data-protection or confidentiality terms. Rate each risk critical, warning or info and recommend a change.",
  }),
  spec({
    name: "report-structure",
    title: "Report structure",
    bestFor: "technical reports and papers: sections present or missing, ordering, methodology, limitations",
    notFor: "checking the numbers or the truth of claims",
    instructions:
      "Map the report's structure (abstract, introduction, method, results, discussion, limitations, conclusion, references). Report missing or thin sections, a method that is not described, and limitations that are not acknowledged.",
  }),
  spec({
    name: "data-metrics",
    title: "Data & metrics",
    bestFor: "reports and articles with numbers: metrics, percentages, sample sizes, units, tables",
    notFor: "documents without quantitative content",
    instructions:
      "Extract every metric with its unit, baseline and sample size. Flag numbers without a baseline or unit, inconsistent figures, percentages that do not add up, and small samples.",
  }),
  spec({
    name: "evidence-checker",
    title: "Conclusions vs evidence",
    bestFor: "reports and papers: whether each conclusion is supported by the results presented",
    notFor: "extracting facts or judging writing style",
    instructions:
      "For each conclusion or recommendation, find the evidence the document gives for it. Flag conclusions stated more strongly than the evidence allows, causal claims from correlational data, and generalisations beyond the data.",
  }),
  spec({
    name: "claims-sources",
    title: "Claims & sources",
    bestFor: "news articles and opinion pieces: factual claims and who they are attributed to",
    notFor: "contracts and source code",
    instructions:
      "List the factual claims. For each, name its source (named person, organisation, document, anonymous source, none). Flag unattributed claims, anonymous sourcing of strong claims, and statistics without a source.",
  }),
  spec({
    name: "bias-tone",
    title: "Bias & tone",
    bestFor: "news and persuasive writing: loaded language, one-sided framing, missing perspectives",
    notFor: "technical or legal accuracy",
    instructions:
      "Identify emotionally loaded or absolute wording, speculation presented as fact, and perspectives that are missing. Quote the wording and suggest neutral alternatives.",
  }),
  spec({
    name: "code-security",
    title: "Code security",
    bestFor: "source code: injection, eval, hard-coded secrets, unsafe deserialisation, weak crypto, missing input validation",
    notFor: "performance or style",
    instructions:
      "Review the code for vulnerabilities: SQL or command built from strings, eval/exec, hard-coded credentials, unsafe deserialisation, disabled TLS checks, weak hashing, missing validation of untrusted input. Give the line's code verbatim and a concrete fix.",
  }),
  spec({
    name: "code-performance",
    title: "Code performance",
    bestFor: "source code: algorithmic complexity, nested loops, repeated I/O, blocking calls, memory growth",
    notFor: "security or style",
    instructions:
      "Find performance problems: nested loops over the same data, queries or I/O inside loops, repeated work that could be cached, blocking calls in async code, unbounded growth. Estimate the complexity and suggest a fix.",
  }),
  spec({
    name: "code-style",
    title: "Code style & docs",
    bestFor: "source code: naming, missing docstrings and comments, long functions, dead code, error handling",
    notFor: "security or performance",
    instructions:
      "Review readability: public functions without docstrings, unclear names, very long functions, swallowed exceptions, TODOs, dead code. Keep findings to info or warning.",
  }),
  spec({
    name: "licence-terms",
    title: "Licence terms",
    bestFor: "software and content licences: the grant, conditions (attribution, copyleft scope, patents), warranty disclaimer, limitation of liability, termination, compatibility",
    notFor: "bilateral contracts (use clause-analyzer and contract-risk) or documents that are not licences",
    instructions:
      "Analyse the licence: what it grants and to whom; its conditions (attribution and notices, copyleft and how far it reaches — file, library or whole work —, patent grant and patent retaliation); the warranty disclaimer; the limitation of liability; when and how the licence terminates and can be reinstated; and notes on compatibility with other licences. Quote the clause for each. Report a missing disclaimer or liability limitation as a warning without a quote.",
  }),
  spec({
    name: "spec-structure",
    title: "Specification & documentation",
    bestFor: "technical specifications, manuals, READMEs and changelogs: structure, defined terms, normative requirements (MUST/SHALL), versioning, examples",
    notFor: "contracts, licences, or judging prose style",
    instructions:
      "Map the document's structure. List its defined terms, and its normative requirements by level (MUST/SHALL, SHOULD, MAY) with the clause each sits in. State its version and change history. Check that it gives examples. Flag requirements written in lower case or with vague words (appropriate, reasonable, fast), terms used before they are defined, and missing version information.",
  }),
  spec({
    name: "summarizer",
    title: "Summary",
    bestFor: "any document: a faithful, extractive summary of the main points",
    notFor: "critique or risk assessment",
    instructions:
      "Summarise the document in a few short paragraphs using its own key sentences. Do not add facts that are not in the document.",
  }),
  spec({
    name: "reviewer",
    title: "Reviewer",
    bestFor: "checking other workers' outputs: contradictions, unsupported findings, gaps in coverage",
    notFor: "reading the document from scratch without dependencies",
    instructions:
      "Review the outputs of the tasks you depend on. Point out findings that contradict each other, findings whose quotes do not support them, and important parts of the document no task covered. Do not repeat their findings.",
  }),
];

export const CUSTOM_WORKER_SPEC: WorkerSpec = {
  name: CUSTOM_WORKER,
  title: "Custom",
  bestFor: "one need no catalogue worker covers; its description is its instructions",
  notFor: "anything a catalogue worker already does",
  instructions: "Carry out the task description exactly. Quote the document for every claim.",
  outputSchema: workerModelOutputSchema,
};

const BY_NAME = new Map<string, WorkerSpec>(CATALOGUE.map((w) => [w.name, w]));

export function findWorker(name: string): WorkerSpec | undefined {
  if (name === CUSTOM_WORKER) return CUSTOM_WORKER_SPEC;
  return BY_NAME.get(name);
}
