import type { Document } from "../../documents/document";
import type { Citation, Finding, Severity } from "../../engine/findings";
import type { SynthesisInput, TaskSummary } from "../../engine/model-port";
import { KIND_LABEL, classify } from "./classify";
import { OFFLINE_BANNER, count } from "./output";
import { sameIssue } from "./finding-match";
import { extractiveSummary, summaryFocus } from "./analyzers/summarizer";
import { indexFor } from "./index-cache";
import { markdownText } from "./markdown-text";
import { clip } from "./text";

/**
 * The offline report narrative: overview, key points by severity (deduplicated across tasks),
 * conflicts resolved towards the more severe reading, and an explicit Missing section.
 */
type Owned = { finding: Finding; task: TaskSummary; primary?: Citation };
type Group = { lead: Owned; also: string[] };
type Conflict = { kept: Owned; dropped: Owned };

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const SHOWN: Record<Severity, number> = { critical: 8, warning: 8, info: 5 };
const HEADINGS: Record<Severity, string> = { critical: "Critical", warning: "Warnings", info: "For information" };

/** A citation that really is at its span (re-checked; a stale span is never cited). */
function exact(document: Document, c: Citation | undefined): Citation | undefined {
  return c && c.quote.length > 0 && document.text.slice(c.start, c.end) === c.quote ? c : undefined;
}

function collect(document: Document, tasks: readonly TaskSummary[]): Owned[] {
  const owned = tasks.flatMap((task) =>
    (task.output?.findings ?? []).map((finding) => {
      const primary = exact(document, finding.citations[0]);
      return primary ? { finding, task, primary } : { finding, task };
    }),
  );
  // Most severe first, then plan order: a group's lead is always its most severe member.
  return owned
    .map((o, i) => ({ o, i }))
    .sort((a, b) => RANK[a.o.finding.severity] - RANK[b.o.finding.severity] || a.i - b.i)
    .map((x) => x.o);
}

function isSame(a: Owned, b: Owned): boolean {
  if (a.task.task.id === b.task.task.id) return false;
  return sameIssue({ title: a.finding.title, primary: a.primary }, { title: b.finding.title, primary: b.primary });
}

/** Merges findings about the same passage or issue from different tasks; records severity conflicts. */
export function groupFindings(owned: readonly Owned[]): { groups: Group[]; conflicts: Conflict[] } {
  const groups: Group[] = [];
  const conflicts: Conflict[] = [];
  for (const o of owned) {
    const g = groups.find((x) => isSame(x.lead, o));
    if (!g) {
      groups.push({ lead: o, also: [] });
      continue;
    }
    if (!g.also.includes(o.task.task.id)) g.also.push(o.task.task.id);
    if (g.lead.finding.severity !== o.finding.severity) conflicts.push({ kept: g.lead, dropped: o });
  }
  return { groups, conflicts };
}

function pointLine(g: Group): string {
  const f = g.lead.finding;
  const source = [g.lead.task.task.id, ...g.also].join(", ");
  const quote = g.lead.primary ? ` — “${markdownText(clip(g.lead.primary.quote, 110))}”` : "";
  return `- **${f.title}** (${source}): ${clip(f.detail, 220)}${quote}`;
}

/** "Loaded word: “scheme”" → "Loaded word": the check, without the instance. */
const checkOf = (title: string): string => title.split(":")[0] ?? title;

/** Repeats of one check in one task ("Function without a docstring" ×7) are shown as one point. */
function collapseRepeats(groups: readonly Group[]): { group: Group; times: number }[] {
  const out: { group: Group; times: number }[] = [];
  for (const g of groups) {
    const same = out.find((o) => o.group.lead.task.task.id === g.lead.task.task.id && checkOf(o.group.lead.finding.title) === checkOf(g.lead.finding.title));
    if (same) same.times++;
    else out.push({ group: g, times: 1 });
  }
  return out;
}

function keyPoints(groups: readonly Group[]): { text: string; shown: Group[] } {
  const shown: Group[] = [];
  const blocks: string[] = [];
  for (const severity of ["critical", "warning", "info"] as const) {
    const all = collapseRepeats(groups.filter((g) => g.lead.finding.severity === severity));
    if (all.length === 0) continue;
    const top = all.slice(0, SHOWN[severity]);
    shown.push(...top.map((t) => t.group));
    const more = all.length > top.length ? `\n- …and ${all.length - top.length} more ${severity} ${all.length - top.length === 1 ? "point" : "points"} in the task outputs.` : "";
    const lines = top.map((t) => `${pointLine(t.group)}${t.times > 1 ? ` (and ${t.times - 1} more like it)` : ""}`);
    blocks.push(`### ${HEADINGS[severity]}\n${lines.join("\n")}${more}`);
  }
  return { text: blocks.length > 0 ? blocks.join("\n\n") : "No task reported a finding.", shown };
}

function conflictLines(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 0) return "No conflicts: tasks that cite the same passage agree on its severity.";
  return conflicts
    .map(({ kept, dropped }) => {
      const where = kept.primary ? `the passage “${markdownText(clip(kept.primary.quote, 80))}”` : "the same issue";
      return `- ${kept.task.task.id} rates ${where} **${kept.finding.severity}** (“${kept.finding.title}”), ${dropped.task.task.id} rates it **${dropped.finding.severity}** (“${dropped.finding.title}”). Kept ${kept.finding.severity}: the more severe reading is kept so a risk is not understated.`;
    })
    .join("\n");
}

function missingLines(tasks: readonly TaskSummary[]): string {
  const lines = tasks.flatMap((t) => {
    const label = `**${t.task.id}** (${t.task.worker}: ${t.task.description})`;
    if (t.status === "failed" || t.status === "skipped") return [`- ${label} — ${t.status}: ${t.reason ?? "no reason given"}. Its part of the analysis is missing from this report.`];
    if (t.status === "partial") return [`- ${label} — partial: ${t.output?.errors.join("; ") || "its output is incomplete"}.`];
    return [];
  });
  return lines.length > 0 ? lines.join("\n") : `Nothing is missing: all ${count(tasks.length, "task")} completed.`;
}

function overview(input: Pick<SynthesisInput, "document" | "tasks">, all: readonly Owned[]): string {
  const done = input.tasks.filter((t) => t.status === "succeeded" || t.status === "partial").length;
  const notDone = input.tasks.filter((t) => t.status === "failed" || t.status === "skipped");
  const sev = (s: Severity): number => all.filter((o) => o.finding.severity === s).length;
  const title = input.document.title ? ` “${input.document.title}”` : "";
  return `${OFFLINE_BANNER} — synthesis (deterministic, no model). This ${KIND_LABEL[classify(input.document)]}${title} was analysed by ${count(input.tasks.length, "task")} (${input.tasks.map((t) => t.task.id).join(", ")}); ${done} completed${notDone.length > 0 ? `, ${notDone.length} did not (${notDone.map((t) => `${t.task.id} ${t.status}`).join(", ")})` : ""}. They reported ${count(all.length, "finding")}: ${sev("critical")} critical, ${sev("warning")} warning, ${sev("info")} info.`;
}

function citationsOf(shown: readonly Group[]): Citation[] {
  const out: Citation[] = [];
  for (const g of shown) {
    const c = g.lead.primary;
    if (c && !out.some((o) => o.start === c.start && o.end === c.end)) out.push(c);
  }
  return out;
}

/**
 * The summariser's extractive summary, recomputed from the same text and focus (the analysis is
 * deterministic, so these are exactly the sentences its task chose), as a cited report section.
 */
function summarySection(input: Pick<SynthesisInput, "document" | "request" | "tasks">): { text: string; citations: Citation[] } | undefined {
  const task = input.tasks.find((t) => t.task.worker === "summarizer" && (t.status === "succeeded" || t.status === "partial"));
  if (!task || classify(input.document) === "source-code" || input.document.format === "code") return undefined;
  const spans = extractiveSummary(indexFor(input.document), summaryFocus(task.task.focus, input.request));
  if (spans.length === 0) return undefined;
  const text = `## Summary\n${spans.map((s) => `> ${markdownText(s.quote.replace(/\s+/g, " "))}`).join("\n>\n")}\n\n_The ${count(spans.length, "sentence")} above are quoted from the document (${task.task.id}); see the sources below._`;
  return { text, citations: spans.map((s) => ({ start: s.start, end: s.end, quote: s.quote })) };
}

export function synthesizeNarrative(input: Pick<SynthesisInput, "document" | "request" | "plan" | "tasks">): { text: string; citations: Citation[] } {
  if (input.plan.mode === "direct") {
    return { text: `${OFFLINE_BANNER} — the request was answered directly, without workers.\n\n${input.plan.directAnswer ?? ""}`.trim(), citations: [] };
  }
  const all = collect(input.document, input.tasks);
  const { groups, conflicts } = groupFindings(all);
  const points = keyPoints(groups);
  const summary = summarySection(input);
  const text = [
    overview(input, all),
    ...(summary ? [summary.text] : []),
    `## Key points\n${points.text}`,
    `## Conflicts\n${conflictLines(conflicts)}`,
    `## Missing\n${missingLines(input.tasks)}`,
  ].join("\n\n");
  return { text, citations: [...(summary?.citations ?? []), ...citationsOf(points.shown)] };
}
