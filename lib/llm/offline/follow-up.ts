import type { Document } from "../../documents/document";
import type { ExtendInput, ExtendOutput } from "../../engine/model-port";
import type { PlanTask } from "../../engine/plan";
import { ZERO_USAGE } from "../../engine/usage";

/** "Schedule 4", "Appendix B", "Annex II": parts of a document that other parts refer to. */
const PART_REFERENCE = /\b(Schedule|Appendix|Annex|Exhibit|Attachment)\s+([A-Z]|[0-9]{1,2}|[IVX]{1,5})\b/g;

/**
 * The offline analysers' follow-up request: the document refers to a part it contains (the part
 * has its own heading line) that no task's description or focus names. Only the plan's first task
 * asks, so one run asks once; the text says which part, for `extendOffline`.
 */
export function offlineFollowUp(input: { document: Document; task: PlanTask; plan?: readonly PlanTask[] }): string | undefined {
  const plan = input.plan;
  if (!plan || plan[0]?.id !== input.task.id) return undefined;
  const part = uncoveredParts(input.document.text, plan)[0];
  return part ? `The document refers to ${part}, which no task of the plan analyses.` : undefined;
}

/** Parts referred to in the text that have a heading of their own and that no task names, in order of first mention. */
export function uncoveredParts(text: string, plan: readonly PlanTask[]): string[] {
  const named = plan.map((t) => `${t.description}\n${t.focus}`.toLowerCase());
  const parts: string[] = [];
  for (const match of text.matchAll(PART_REFERENCE)) {
    const part = `${match[1]} ${match[2]}`;
    if (parts.includes(part) || named.some((n) => n.includes(part.toLowerCase()))) continue;
    const heading = new RegExp(`^[ \\t]*(?:#+[ \\t]*)?${part.replace(" ", "\\s+")}\\b`, "m");
    if (heading.test(text)) parts.push(part);
  }
  return parts;
}

/** The offline orchestrator's answer: one task for the part the request names, unless a task covers it by now. */
export function extendOffline(input: ExtendInput): ExtendOutput {
  const part = /\b(?:Schedule|Appendix|Annex|Exhibit|Attachment)\s+\S+?(?=[,.\s]|$)/.exec(input.followUp.request)?.[0];
  const usage = { ...ZERO_USAGE };
  if (!part) return { decision: { reason: "The request names no part of the document to analyse.", tasks: [] }, usage };
  if (!uncoveredParts(input.document.text, input.plan.tasks).includes(part)) {
    return { decision: { reason: `${part} is already covered by the plan.`, tasks: [] }, usage };
  }
  const taken = new Set(input.plan.tasks.map((t) => t.id));
  const base = part.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const worker = input.catalogue.some((w) => w.name === "clause-analyzer") && input.document.text.match(/\b(?:shall|agreement|party)\b/i) ? "clause-analyzer" : "key-facts";
  const task: PlanTask = {
    id,
    worker,
    description: `Analyse ${part}, which task "${input.followUp.taskId}" found referred to but no task covered: its terms, figures and obligations.`,
    focus: part,
    dependsOn: [input.followUp.taskId],
    priority: "medium",
  };
  return { decision: { reason: `The document refers to ${part} and has a part with that heading, but no task analysed it.`, tasks: [task] }, usage };
}
