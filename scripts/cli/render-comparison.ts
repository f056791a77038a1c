import type { RunComparison, RunSide } from "../../lib/compare/compare-runs";
import type { DiffPassage } from "../../lib/compare/document-diff";
import type { Finding } from "../../lib/engine/findings";
import type { PlanTask } from "../../lib/engine/plan";
import type { RunRow } from "../../lib/server/run-queries";
import { citationPlace } from "./render-report";

/** Changed passages listed before the rest is summarised as a count. */
const MAX_PASSAGES = 20;

/** `npm run analyze -- compare A B` for a person: the same content as the /compare page, as Markdown. */
export function renderComparison(c: RunComparison): string {
  const out: string[] = ["# Two runs side by side", ""];
  out.push(...runLines("A", c.a), ...runLines("B", c.b), "");
  out.push(
    c.documents === "same"
      ? "Documents: the same text."
      : c.documents === "versions"
        ? `Documents: two versions of “${c.a.title}” (matched by title).`
        : "Documents: two different documents.",
    "",
  );

  out.push("## Plans", "");
  out.push(`Matched (${c.plans.matched.length}):`);
  c.plans.matched.forEach((p) => out.push(`- ${taskLine(p.a)}${p.changes.length > 0 ? `  [B changed: ${p.changes.join(", ")}]` : ""}`));
  out.push(`Only in A (${c.plans.onlyA.length}):`, ...c.plans.onlyA.map((t) => `- ${taskLine(t)}`));
  out.push(`Only in B (${c.plans.onlyB.length}):`, ...c.plans.onlyB.map((t) => `- ${taskLine(t)}`), "");

  const f = c.findings;
  out.push("## Findings", "");
  out.push(`Added in B (${f.added.length}):`, ...f.added.flatMap((x) => findingLines(`[${x.severity}] ${x.title}`, x)));
  out.push(`Removed, only in A (${f.removed.length}):`, ...f.removed.flatMap((x) => findingLines(`[${x.severity}] ${x.title}`, x)));
  out.push(`Changed severity (${f.changedSeverity.length}):`, ...f.changedSeverity.flatMap((p) => findingLines(`${p.b.title}: ${p.a.severity} → ${p.b.severity} (matched by ${p.how})`, p.b)));
  out.push(`Unchanged: ${f.unchanged.length}`, "");

  out.push("## Time, tokens, cost", "", table([
    ["", "A", "B"],
    ["Status", c.a.status, c.b.status],
    ["Time", seconds(c.a.durationMs), seconds(c.b.durationMs)],
    // The offline engine makes no model calls: "—" (not metered) rather than a 0 that reads as free work.
    ["Tokens", metered(c.a, (s) => s.tokens.toLocaleString("en-US")), metered(c.b, (s) => s.tokens.toLocaleString("en-US"))],
    ["Cost", metered(c.a, (s) => `$${s.costUsd.toFixed(4)}`), metered(c.b, (s) => `$${s.costUsd.toFixed(4)}`)],
    ["Tasks", String(c.a.taskCount), String(c.b.taskCount)],
    ["Findings", String(c.a.findingCount), String(c.b.findingCount)],
  ]), "");

  if (c.documentDiff) out.push(...diffLines(c.documentDiff), "");
  out.push("## Reports", "", "### A", "", c.a.narrative?.trim() || "(no report)", "", "### B", "", c.b.narrative?.trim() || "(no report)");
  return out.join("\n");
}

/** `npm run analyze -- runs`: one line per stored run, newest first. */
export function renderRunList(rows: readonly RunRow[]): string {
  if (rows.length === 0) return "No runs stored yet.";
  return table([
    ["Run id", "Created", "Status", "Document", "Request"],
    ...rows.map((r) => [r.id, r.createdAt.replace("T", " ").slice(0, 19), r.status, clip(r.documentName, 40), clip(r.request, 50)]),
  ]);
}

function runLines(label: "A" | "B", s: RunSide): string[] {
  const models = s.models ? ` (${[...new Set([s.models.orchestrator, s.models.worker, s.models.synthesis])].join(", ")})` : "";
  return [
    `${label}  ${s.id} · ${s.createdAt.replace("T", " ").slice(0, 19)} · ${s.status}${s.review ? ` · reviewed${s.edited ? ", plan edited" : ""}` : ""}`,
    `   ${s.title}${s.fileName && s.fileName !== s.title ? ` (${s.fileName})` : ""}`,
    `   Request: ${oneLine(s.request)}`,
    `   Engine: ${s.backend}${models}`,
  ];
}

const taskLine = (t: PlanTask) => `${t.worker}: ${oneLine(t.description)} (${t.priority})`;

function findingLines(head: string, f: Finding): string[] {
  return [`- ${head}`, ...f.citations.map((c) => `  > "${oneLine(c.quote)}" (${citationPlace(c)})`)];
}

function diffLines(diff: NonNullable<RunComparison["documentDiff"]>): string[] {
  if ("tooLarge" in diff) return ["## Changed passages", "", diff.reason];
  const changed = diff.passages.filter((p): p is DiffPassage & { kind: "added" | "removed" } => p.kind !== "same");
  const out = ["## Changed passages", "", `${lines(diff.removed)} only in A, ${lines(diff.added)} only in B.`];
  for (const p of changed.slice(0, MAX_PASSAGES)) {
    const where = p.kind === "removed" ? `A chars ${p.aStart}–${p.aEnd}` : `B chars ${p.bStart}–${p.bEnd}`;
    out.push(`${p.kind === "removed" ? "-" : "+"} ${oneLine(p.text)} (${where})`);
    p.findings.forEach((x) => out.push(`    cited by ${x.run.toUpperCase()}: [${x.severity}] ${x.title}`));
  }
  if (changed.length > MAX_PASSAGES) out.push(`… and ${changed.length - MAX_PASSAGES} more changed passage${changed.length - MAX_PASSAGES === 1 ? "" : "s"} (--json has them all).`);
  return out;
}

const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);
const oneLine = (s: string) => clip(s.replace(/\s+/g, " ").trim(), 160);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n");
}

const metered = (side: RunSide, show: (side: RunSide) => string) => (side.backend === "offline" ? "—" : show(side));
const lines = (n: number) => `${n} line${n === 1 ? "" : "s"}`;
