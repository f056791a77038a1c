import { CATALOGUE, type WorkerName } from "../../engine/catalogue";
import { CUSTOM_WORKER, type PlanTask } from "../../engine/plan";
import { keyTerms } from "./analyzers/custom";
import type { DocumentKind } from "./classify";
import { STEERS, TEMPLATES, steerableWorkers, type TaskTemplate } from "./plan-templates";
import { clip } from "./text";

/**
 * The offline planner's answer to a person's re-plan note ("focus on liability", "skip the
 * summary", "add a reviewer", "also check data protection"): keyword rules over the catalogue's
 * worker names and titles and the tasks' descriptions, applied clause by clause to the previous
 * plan. `changes` and `ignored` are sentences for the plan's analysis.
 */
export type Revision = { tasks: PlanTask[]; changes: string[]; ignored: string[] };

/** What the offline planner understands, quoted when it cannot act on a note. */
export const UNDERSTOOD_NOTES = "notes that name a worker or an aspect, e.g. “focus on liability”, “also check data protection”, “skip the summary”, “add a reviewer”";

const VERB = String.raw`(?:please\s+)?(?:also|skip|drop|remove|omit|exclude|add|include|focus|concentrate|prioriti[sz]e|emphasi[sz]e|look|pay|cover|run|keep|only|just|no|don'?t|do not|without|check|leave)\b`;
/** Clause boundaries: sentence ends, and a comma or "and"/"but"/"then" that starts a new instruction. */
const CLAUSES = new RegExp(String.raw`[.;!?\n]+|,\s*(?:and\s+|but\s+|then\s+)?(?=${VERB})|\s+(?:and|but|then)\s+(?=${VERB})`, "i");
const REMOVE = /\b(?:skip|drop|remove|omit|exclude|leave out|without|no need for|no|don'?t|do not)\b/i;
const ONLY = /\b(?:only|just)\b/i;
/** The aspect a clause asks for: the words after its verb. */
const ASPECT =
  /\b(?:also\s+)?(?:focus(?:ed|ing)?\s+(?:more\s+)?on|concentrate\s+on|emphasi[sz]e|prioriti[sz]e|pay\s+(?:more\s+)?attention\s+to|look\s+(?:closely\s+)?(?:at|into)|check(?:\s+for)?|cover|include|add|also)\s+(?:on\s+|at\s+|for\s+)?(?:the\s+|a\s+|an\s+|any\s+)?(.+)$/i;
const REVIEWER = /\breview(?:er|ers)?\b|\bcross-?check\w*|\bsecond opinion\b/i;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Each worker's own name and catalogue title ("contract-risk", "Contract risk"; "&" read as "and" too). */
const NAMED: readonly { re: RegExp; worker: WorkerName }[] = CATALOGUE.filter((w): w is (typeof CATALOGUE)[number] & { name: WorkerName } => w.name !== CUSTOM_WORKER).flatMap((w) => [
  { re: new RegExp(`\\b${escape(w.name).replace(/-/g, "[- ]")}\\b`, "i"), worker: w.name },
  { re: new RegExp(`\\b${escape(w.title.toLowerCase()).replace(/\s*&\s*/g, "\\s*(?:&|and)\\s*")}\\b`, "i"), worker: w.name },
]);

/** The workers a clause names, by name, title or the request steering words, in catalogue order. */
export function workersNamed(clause: string, kind: DocumentKind): WorkerName[] {
  const allowed = steerableWorkers(kind);
  const steered = STEERS.filter((s) => s.re.test(clause) && allowed.has(s.worker)).map((s) => s.worker);
  const named = NAMED.filter((n) => n.re.test(clause)).map((n) => n.worker);
  const reviewer: WorkerName[] = REVIEWER.test(clause) ? ["reviewer"] : [];
  return [...new Set([...named, ...reviewer, ...steered])];
}

const words = (s: string): string => s.toLowerCase().replace(/[-_/]+/g, " ").replace(/\s+/g, " ").trim();
const ANALYTIC = (t: PlanTask): boolean => t.worker !== "summarizer" && t.worker !== "reviewer";

function template(kind: DocumentKind, worker: WorkerName): TaskTemplate | undefined {
  return [...TEMPLATES[kind], ...Object.values(TEMPLATES).flat()].find((t) => t.worker === worker);
}

function freeId(tasks: readonly PlanTask[], base: string): string {
  if (!tasks.some((t) => t.id === base)) return base;
  for (let i = 2; ; i++) if (!tasks.some((t) => t.id === `${base}-${i}`)) return `${base}-${i}`;
}

function addWorker(tasks: PlanTask[], kind: DocumentKind, worker: WorkerName): PlanTask | undefined {
  const t = template(kind, worker);
  if (!t) return undefined;
  const present = (w: string): string | undefined => tasks.find((x) => x.worker === w)?.id;
  const deps = t.dependsOn.flatMap((d) => present(d) ?? []);
  const dependsOn = worker === "reviewer" && deps.length === 0 ? tasks.filter(ANALYTIC).map((x) => x.id) : deps;
  const task: PlanTask = { id: freeId(tasks, worker), worker, description: t.description, focus: t.focus, dependsOn, priority: t.priority === "low" ? "medium" : t.priority };
  tasks.push(task);
  return task;
}

function refocus(task: PlanTask, aspect: string): PlanTask {
  const focus = task.focus.toLowerCase().startsWith(aspect.toLowerCase()) ? task.focus : `${aspect}; ${task.focus}`;
  return { ...task, focus: focus.slice(0, 400), priority: "high" };
}

function cleanAspect(raw: string | undefined): string {
  return (raw ?? "").replace(/\b(?:please|too|as well|instead|first)\b/gi, "").replace(/\s+/g, " ").replace(/^[\s,:-]+|[\s,.:;!?-]+$/g, "").trim();
}

/** Applies one clause to `tasks` in place; returns the change made, or undefined when none applies. */
function applyClause(tasks: PlanTask[], clause: string, kind: DocumentKind): { change?: string; ignored?: string } {
  const named = workersNamed(clause, kind);
  const aspect = cleanAspect(ASPECT.exec(clause)?.[1]);
  if (named.length > 0 && REMOVE.test(clause)) {
    const gone = tasks.filter((t) => named.includes(t.worker as WorkerName));
    if (gone.length === 0) return { ignored: `${named.join(", ")} ${named.length === 1 ? "is" : "are"} not in the plan` };
    if (gone.length === tasks.length) return { ignored: `removing ${gone.map((t) => t.id).join(", ")} would leave no task` };
    for (const t of gone) tasks.splice(tasks.indexOf(t), 1);
    return { change: `removed ${gone.map((t) => t.id).join(", ")}` };
  }
  if (named.length > 0 && ONLY.test(clause)) {
    const keep = new Set<string>();
    const visit = (id: string): void => {
      if (keep.has(id)) return;
      keep.add(id);
      tasks.find((t) => t.id === id)?.dependsOn.forEach(visit);
    };
    const added = named.filter((w) => !tasks.some((t) => t.worker === w)).flatMap((w) => addWorker(tasks, kind, w) ?? []);
    tasks.filter((t) => named.includes(t.worker as WorkerName)).forEach((t) => visit(t.id));
    const gone = tasks.filter((t) => !keep.has(t.id));
    for (const t of gone) tasks.splice(tasks.indexOf(t), 1);
    const parts = [added.length > 0 ? `added ${added.map((t) => t.id).join(", ")}` : "", gone.length > 0 ? `removed ${gone.map((t) => t.id).join(", ")}` : ""].filter(Boolean);
    return parts.length > 0 ? { change: `kept only ${named.join(", ")}${keep.size > named.length ? " and what it needs" : ""} (${parts.join("; ")})` } : { ignored: `the plan already runs only ${named.join(", ")}` };
  }
  if (named.length > 0) {
    const out: string[] = [];
    for (const worker of named) {
      const i = tasks.findIndex((t) => t.worker === worker);
      const existing = tasks[i];
      if (existing && aspect && !/^(?:an?\s+)?(?:reviewer|review|summary)$/i.test(aspect)) {
        tasks[i] = refocus(existing, aspect);
        out.push(`${existing.id} now looks first at “${clip(aspect, 60)}” (priority high)`);
      } else if (!existing) {
        const added = addWorker(tasks, kind, worker);
        if (added) out.push(`added ${added.id}${added.dependsOn.length > 0 ? ` (after ${added.dependsOn.join(" & ")})` : ""}`);
      }
    }
    return out.length > 0 ? { change: out.join("; ") } : { ignored: `${named.join(", ")} ${named.length === 1 ? "is" : "are"} already in the plan` };
  }
  if (/\p{L}{2,}/u.test(aspect)) {
    const wanted = new RegExp(`\\b${escape(words(aspect))}\\b`);
    const matching = tasks.filter((t) => ANALYTIC(t) && wanted.test(words(`${t.description} ${t.focus}`)));
    if (matching.length > 0) {
      matching.forEach((t) => tasks.splice(tasks.indexOf(t), 1, refocus(t, aspect)));
      return { change: `${matching.map((t) => t.id).join(", ")} now ${matching.length === 1 ? "looks" : "look"} first at “${clip(aspect, 60)}” (priority high)` };
    }
    if (keyTerms(aspect).length === 0) return { ignored: `“${clip(aspect, 60)}” (no task covers it)` };
    const id = freeId(tasks, "custom-search");
    tasks.push({ id, worker: CUSTOM_WORKER, description: `Search the document for: ${clip(aspect, 120)}`, focus: keyTerms(aspect).join(", "), dependsOn: [], priority: "high" });
    return { change: `added ${id}, a search for “${clip(aspect, 60)}” (no worker of the plan covers it)` };
  }
  return { ignored: `“${clip(clause, 60)}”` };
}

/** Re-plans `previous` in answer to `note` (see `Revision`); dependencies on removed tasks are dropped. */
export function revisePlan(previous: readonly PlanTask[], note: string, kind: DocumentKind): Revision {
  const tasks = previous.map((t) => ({ ...t, dependsOn: [...t.dependsOn] }));
  const changes: string[] = [];
  const ignored: string[] = [];
  for (const clause of note.split(CLAUSES).map((c) => c?.trim() ?? "").filter((c) => /\w/.test(c))) {
    const r = applyClause(tasks, clause, kind);
    if (r.change) changes.push(r.change);
    if (r.ignored) ignored.push(r.ignored);
  }
  const ids = new Set(tasks.map((t) => t.id));
  const fixed = tasks.map((t) => {
    const dependsOn = t.dependsOn.filter((d) => ids.has(d));
    // A reviewer whose inputs were all removed reviews what is left instead of nothing.
    return t.worker === "reviewer" && dependsOn.length === 0 && t.dependsOn.length > 0 ? { ...t, dependsOn: tasks.filter(ANALYTIC).map((x) => x.id) } : { ...t, dependsOn };
  });
  return { tasks: fixed, changes, ignored };
}
