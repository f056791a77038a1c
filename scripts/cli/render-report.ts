import type { Citation, Finding } from "../../lib/engine/findings";
import type { RunState } from "../../lib/engine/run-state";
import { totalTokens } from "../../lib/engine/usage";

const SEVERITY_HEADINGS = { critical: "Critical", warning: "Warnings", info: "Information" } as const;

/** The final report as Markdown for the terminal. */
export function renderReport(state: RunState): string {
  const out: string[] = [`# ${state.document?.title ?? "Report"}`, ""];
  out.push(`Request: ${state.request}`, `Engine: ${state.backend} · status ${state.status} · ${totalTokens(state.usage)} tokens · $${state.usage.costUsd.toFixed(4)}${unpricedNote(state.unpricedModels)}`, "");
  if (state.error) out.push(`**Run failed** (${state.error.code}): ${state.error.message}`, ...(state.error.details ?? []).map((d) => `- ${d}`), "");
  const report = state.report;
  if (!report) return out.join("\n");
  out.push("## Summary", "", ...(report.incomplete ? [`> **Incomplete:** ${report.incomplete}`, ""] : []), report.narrative.trim(), "");
  for (const severity of ["critical", "warning", "info"] as const) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    out.push(`## ${SEVERITY_HEADINGS[severity]} (${findings.length})`, "");
    findings.forEach((f) => out.push(renderFinding(f)));
    out.push("");
  }
  if (report.gaps.length > 0) {
    out.push("## Missing", "");
    report.gaps.forEach((g) => out.push(`- **${g.taskId}** (${g.description}): ${g.reason}`));
    out.push("");
  }
  if (report.extensions && report.extensions.length > 0) {
    out.push("## Tasks added during the run", "");
    report.extensions.forEach((e) => out.push(`- ${e.taskIds.join(", ")}: ${e.reason} (asked by ${e.requestedBy}: “${e.request}”)`));
    out.push("");
  }
  if (!report.direct) {
    out.push("## Tasks", "");
    report.coverage.forEach((c) => out.push(`- ${c.taskId} (${c.worker}): ${c.status}, ${c.findingCount} finding${c.findingCount === 1 ? "" : "s"}`));
  }
  return out.join("\n");
}

function renderFinding(f: Finding): string {
  const lines = [`- **${f.title}**: ${f.detail}`];
  if (f.recommendation) lines.push(`  - Recommendation: ${f.recommendation}`);
  for (const c of f.citations) lines.push(`  - > "${oneLine(c.quote)}" (${citationPlace(c)})`);
  if (f.unverifiedQuotes.length > 0) lines.push(`  - (${f.unverifiedQuotes.length} quote${f.unverifiedQuotes.length === 1 ? "" : "s"} not found in the document, not cited)`);
  return lines.join("\n");
}

/** Where a citation is, as its reader looks for it: line:column in code, page and characters elsewhere. */
export function citationPlace(c: Citation): string {
  if (c.line !== undefined && c.column !== undefined) return `line ${c.line}:${c.column}`;
  return `chars ${c.start}–${c.end}${c.page ? `, page ${c.page}` : ""}`;
}

const oneLine = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s).replace(/\s+/g, " ");

/** " (estimated: unknown model X)" when the run used models without a known price, else "". */
function unpricedNote(models: readonly string[]): string {
  return models.length === 0 ? "" : ` (estimated: unknown model${models.length > 1 ? "s" : ""} ${models.join(", ")})`;
}
