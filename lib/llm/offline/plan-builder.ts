import type { Document } from "../../documents/document";
import type { WorkerName } from "../../engine/catalogue";
import { CUSTOM_WORKER, type Plan, type PlanTask, type Priority } from "../../engine/plan";
import { keyTerms } from "./analyzers/custom";
import { KIND_LABEL, classifyWithSignals, type Classification, type DocumentKind } from "./classify";
import { directAnswer } from "./direct-answer";
import { injectionSpans } from "./injection";
import { CUSTOM_REQUEST, FULL_ANALYSIS, MANY_ASPECTS, STEERS, TEMPLATES, steerableWorkers, type TaskTemplate } from "./plan-templates";
import { count } from "./output";
import { UNDERSTOOD_NOTES, revisePlan } from "./plan-revision";
import { clip, indexText } from "./text";

export type PlanRequest = {
  document: Document;
  request: string;
  /** The workers the engine offers (only their names matter offline). */
  catalogue: readonly { name: string }[];
  maxTasks: number;
  repair?: { errors: readonly string[] };
  /** A person's re-plan note and the plan it answers (see `revisePlan`). */
  revision?: { previous: Plan; note: string };
};

const RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };
const ANALYSIS_WORDS = /\b(?:analy[sz]\w*|review\w*|assess\w*|evaluat\w*|audit\w*|examin\w*)\b/i;
export const CUSTOM_TASK_ID = "custom-search";

/** Catalogue workers the request asks for (only those that make sense for this kind). */
export function steersOf(request: string, kind: DocumentKind): WorkerName[] {
  const allowed = steerableWorkers(kind);
  return [...new Set(STEERS.filter((s) => s.re.test(request) && allowed.has(s.worker)).map((s) => s.worker))];
}

/** The kind's templates, then generic ones for workers the kind's plan lacks (one per worker). */
function templatePool(kind: DocumentKind): TaskTemplate[] {
  return [...TEMPLATES[kind], ...TEMPLATES.general].filter((t, i, all) => all.findIndex((x) => x.worker === t.worker) === i);
}

/** The steered workers, their dependencies, and a reviewer when anything beyond a summary runs. */
function steeredTemplates(kind: DocumentKind, steers: readonly WorkerName[]): TaskTemplate[] {
  const pool = templatePool(kind);
  const chosen = new Set<WorkerName>();
  const add = (w: WorkerName): void => {
    if (chosen.has(w)) return;
    chosen.add(w);
    for (const dep of pool.find((t) => t.worker === w)?.dependsOn ?? []) add(dep);
  };
  steers.forEach(add);
  const picked = pool.filter((t) => chosen.has(t.worker));
  const reviewer = TEMPLATES[kind].find((t) => t.worker === "reviewer");
  const analytic = picked.map((t) => t.worker).filter((w) => w !== "summarizer" && w !== "reviewer");
  if (!reviewer || analytic.length === 0 || chosen.has("reviewer")) return picked;
  const deps = reviewer.dependsOn.filter((d) => chosen.has(d));
  return [...picked, { ...reviewer, dependsOn: deps.length > 0 ? deps : analytic }];
}

function toTask(t: TaskTemplate): PlanTask {
  return { id: t.worker, worker: t.worker, description: t.description, focus: t.focus, dependsOn: [...t.dependsOn], priority: t.priority };
}

function customTask(request: string, kind: DocumentKind): PlanTask | undefined {
  const phrase = CUSTOM_REQUEST.exec(request)?.[1]?.trim();
  if (!phrase || steersOf(phrase, kind).length > 0) return undefined;
  const terms = keyTerms(phrase);
  if (terms.length === 0) return undefined;
  return { id: CUSTOM_TASK_ID, worker: CUSTOM_WORKER, description: `Search the document for: ${phrase}`, focus: terms.join(", "), dependsOn: [], priority: "medium" };
}

/**
 * Drops the lowest-priority task that nothing still depends on until the plan fits, so no
 * dependency is ever left dangling. Ties drop the later task.
 */
export function trimToMax(tasks: readonly PlanTask[], maxTasks: number): { kept: PlanTask[]; dropped: PlanTask[] } {
  const kept = [...tasks];
  const dropped: PlanTask[] = [];
  while (kept.length > Math.max(1, maxTasks)) {
    const leaves = kept.filter((t) => !kept.some((o) => o.dependsOn.includes(t.id)));
    const victim = [...leaves].sort((a, b) => RANK[b.priority] - RANK[a.priority] || kept.indexOf(b) - kept.indexOf(a))[0];
    if (!victim) break;
    kept.splice(kept.indexOf(victim), 1);
    dropped.push(victim);
  }
  return { kept, dropped };
}

/** Keeps tasks whose worker the engine offers; dependencies on removed tasks are dropped with them. */
function available(tasks: readonly PlanTask[], catalogue: readonly { name: string }[]): PlanTask[] {
  const names = new Set<string>([...catalogue.map((w) => w.name), CUSTOM_WORKER]);
  const kept = tasks.filter((t) => names.has(t.worker));
  const ids = new Set(kept.map((t) => t.id));
  return kept.map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => ids.has(d)) }));
}

const SUMMARY_REQUEST = /\bsummar\w*|\btl;?dr\b|\bgist\b|\boverview\b/i;

/** A request that asks for a summary gets it first and at high priority, whatever else runs. */
function summaryFirst(tasks: readonly PlanTask[], request: string): PlanTask[] {
  const summary = tasks.find((t) => t.worker === "summarizer");
  if (!summary || !SUMMARY_REQUEST.test(request)) return [...tasks];
  return [{ ...summary, priority: "high" }, ...tasks.filter((t) => t !== summary)];
}

type Decision = { tasks: PlanTask[]; steering: string; dropped: PlanTask[] };

function decideTasks(input: PlanRequest, kind: DocumentKind): Decision {
  const named = steersOf(input.request, kind);
  const full = FULL_ANALYSIS.test(input.request) || named.length >= MANY_ASPECTS;
  const steers = full ? [] : named;
  const custom = customTask(input.request, kind);
  const customOnly = custom !== undefined && !full && steers.length === 0 && !ANALYSIS_WORDS.test(input.request);
  const templates = steers.length > 0 ? steeredTemplates(kind, steers) : customOnly ? [] : TEMPLATES[kind];
  const planned = summaryFirst(available([...templates.map(toTask), ...(custom ? [custom] : [])], input.catalogue), input.request);
  const { kept, dropped } = trimToMax(planned, input.maxTasks);
  const steering = full
    ? "The request asks for a general analysis, so the kind's whole plan runs."
    : steers.length > 0
      ? `The request steers the plan to ${steers.join(", ")} (plus their dependencies${kept.some((t) => t.worker === "reviewer") ? " and a reviewer" : ""}).`
      : customOnly
        ? "The request is a narrow search no catalogue worker covers, so a single custom search task runs."
        : "No specific aspect was requested, so the kind's default plan runs.";
  return { tasks: kept, steering, dropped };
}

function article(label: string): string {
  return /^[aeiou]/i.test(label) ? "an" : "a";
}

function describe(args: { classification: Classification; injections: number; repair?: { errors: readonly string[] } }): string {
  const { classification: c } = args;
  const signals = c.signals.map((s) => `${s.label} ×${s.count}`).join(", ");
  const scores = Object.entries(c.scores)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, v]) => `${KIND_LABEL[k as DocumentKind]} ${v}`)
    .join(", ");
  const label = KIND_LABEL[c.kind];
  const runnerUp = c.runnerUp && c.scores[c.runnerUp] > 0 ? `; it was not taken for ${article(KIND_LABEL[c.runnerUp])} ${KIND_LABEL[c.runnerUp]} (score ${c.scores[c.runnerUp]})` : "";
  const parts = [
    "Offline engine (deterministic text analysis, no language model).",
    c.kind === "general"
      ? `No kind scored high enough (${scores || "no signals"}), so the document is treated as a general document.`
      : `Classified as ${article(label)} ${label} (score ${c.scores[c.kind]}) from: ${signals || "format hints"}${c.hints.length ? `; hints: ${c.hints.join(", ")}` : ""}${runnerUp}. The plan below is the one for this ${label}.`,
  ];
  if (args.injections > 0) parts.push(`The document contains ${count(args.injections, "passage")} addressed to an AI model (possible prompt injection); they are treated as content and reported, not followed.`);
  if (args.repair) parts.push(`Rebuilt after validation errors: ${args.repair.errors.map((e) => clip(e, 80)).join("; ")}.`);
  return parts.join(" ");
}

function taskLine(t: PlanTask): string {
  return `${t.id} (${t.priority}${t.dependsOn.length ? `, after ${t.dependsOn.join(" & ")}` : ""})`;
}

/** The offline orchestrator: classify, answer directly or pick workers, and explain why. */
export function buildPlan(input: PlanRequest): Plan {
  const revision = input.revision;
  if (!revision || revision.previous.tasks.length > 0) return planOnce(input);
  // A direct answer has no tasks for the note to change: the note steers a new plan as the request does.
  const answer = `In answer to your note ${quoteNote(revision.note)}: the previous plan was a direct answer with no tasks to change, so this plan is made again from the request and the note.`;
  return planOnce({ ...input, request: `${input.request}\n${revision.note}` }, answer);
}

function quoteNote(note: string): string {
  return `“${clip(note.replace(/\s+/g, " ").trim(), 120)}”`;
}

/** `noteAnswer`: a sentence answering a re-plan note, put right after the classification. */
function planOnce(input: PlanRequest, noteAnswer?: string): Plan {
  const classification = classifyWithSignals(input.document);
  const kind = classification.kind;
  const described = describe({ classification, injections: injectionSpans(indexText(input.document.text)).length, ...(input.repair ? { repair: input.repair } : {}) });
  const head = noteAnswer ? `${described} ${noteAnswer}` : described;
  const full = FULL_ANALYSIS.test(input.request);
  const answer = full ? undefined : directAnswer({ document: input.document, request: input.request, hasOtherAsk: (rest) => steersOf(rest, kind).length > 0 || FULL_ANALYSIS.test(rest) });
  if (answer) return { analysis: `${head} The request “${clip(input.request, 80)}” is a simple lookup, answered directly without workers.`, mode: "direct", directAnswer: answer, tasks: [] };

  if (input.revision && input.revision.previous.tasks.length > 0) return revisedPlan(input, input.revision, kind, head);
  const { tasks, steering, dropped } = decideTasks(input, kind);
  if (tasks.length === 0) {
    return { analysis: `${head} No worker for this request is available in the catalogue.`, mode: "direct", directAnswer: "The offline engine has no worker available for this request.", tasks: [] };
  }
  const trimmed = dropped.length > 0 ? ` To respect the limit of ${input.maxTasks} tasks, dropped the lowest-priority ${dropped.map((t) => t.id).join(", ")}.` : "";
  return { analysis: `${head} ${steering} Plan: ${tasks.map(taskLine).join("; ")}.${trimmed}`, mode: "orchestrate", tasks };
}

/**
 * A re-plan: the previous plan changed by the note's rules, and the analysis says what changed in
 * answer to the note, or plainly that the note could not be acted on.
 */
function revisedPlan(input: PlanRequest, revision: { previous: Plan; note: string }, kind: DocumentKind, head: string): Plan {
  const { tasks, changes, ignored } = revisePlan(revision.previous.tasks, revision.note, kind);
  const { kept, dropped } = trimToMax(available(tasks, input.catalogue), input.maxTasks);
  const quoted = quoteNote(revision.note);
  const answer =
    changes.length === 0
      ? `In answer to your note ${quoted}: the offline planner could not act on it${ignored.length > 0 ? ` (${ignored.join("; ")})` : ""}; it understands ${UNDERSTOOD_NOTES}. The plan is unchanged.`
      : `In answer to your note ${quoted}: ${changes.join("; ")}.${ignored.length > 0 ? ` Not acted on: ${ignored.join("; ")}.` : ""}`;
  const trimmed = dropped.length > 0 ? ` To respect the limit of ${input.maxTasks} tasks, dropped the lowest-priority ${dropped.map((t) => t.id).join(", ")}.` : "";
  return { analysis: `${head} ${answer} Plan: ${kept.map(taskLine).join("; ")}.${trimmed}`, mode: "orchestrate", tasks: kept };
}
