import type { RawFinding, Severity } from "../../engine/findings";
import { clip, type Span } from "./text";

/** What an offline analyser produces; the port adds errors, usage and streaming. */
export type AnalyzerResult = {
  status: "success" | "partial" | "failed";
  result: string;
  findings: RawFinding[];
};

export const OFFLINE_BANNER = "_Offline analysis_";

/** A finding whose quotes carry the exact spans they were sliced from. */
export function finding(args: {
  severity: Severity;
  title: string;
  detail: string;
  recommendation?: string;
  spans: readonly Span[];
}): RawFinding {
  const quotes = args.spans.map((s) => ({ quote: s.quote, start: s.start, end: s.end }));
  const base = { severity: args.severity, title: args.title, detail: args.detail, quotes };
  return args.recommendation ? { ...base, recommendation: args.recommendation } : base;
}

export type ResultSection = { heading: string; lines: readonly string[]; empty?: string };

/** The Markdown `result` every analyser returns: banner line, lead paragraph, sections, findings. */
export function renderResult(args: {
  title: string;
  lead: string;
  sections?: readonly ResultSection[];
  findings: readonly RawFinding[];
}): string {
  const parts = [`${OFFLINE_BANNER} — ${args.title} (deterministic, no model).`, args.lead];
  for (const section of args.sections ?? []) {
    const body = section.lines.length > 0 ? section.lines.map((l) => `- ${l}`).join("\n") : `_${section.empty ?? "None found."}_`;
    parts.push(`### ${section.heading}\n${body}`);
  }
  parts.push(`### Findings\n${renderFindings(args.findings)}`);
  return parts.join("\n\n");
}

const SEVERITY_LABEL: Record<Severity, string> = { critical: "Critical", warning: "Warning", info: "Info" };

export function renderFindings(findings: readonly RawFinding[]): string {
  if (findings.length === 0) return "_No findings._";
  return findings
    .map((f) => {
      const quote = f.quotes[0] ? ` — “${clip(f.quotes[0].quote, 100)}”` : "";
      return `- **${SEVERITY_LABEL[f.severity]}: ${f.title}** — ${f.detail}${quote}`;
    })
    .join("\n");
}

/** "3 dates", "1 date": small English plural for counts; irregular plurals as [singular, plural]. */
export function count(n: number, noun: string | readonly [string, string]): string {
  const [one, many] = typeof noun === "string" ? [noun, `${noun}s`] : noun;
  return `${n} ${n === 1 ? one : many}`;
}

/** Inline display of a span for result bullets. */
export function quoted(s: Span, max = 120): string {
  return `“${clip(s.quote, max)}”`;
}
