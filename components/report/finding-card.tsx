"use client";

import type { Citation, Finding } from "@/lib/engine/findings";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { SEVERITY_META } from "@/components/ui/status-meta";
import { CitationButton } from "./citation-button";

type Props = { finding: Finding; onCite: (citation: Citation) => void; showTask?: boolean };

export function FindingCard({ finding, onCite, showTask = true }: Props) {
  const meta = SEVERITY_META[finding.severity];
  return (
    <article className={`rounded-lg border-l-4 bg-white p-3 shadow-sm dark:bg-slate-900 ${meta.border} border border-slate-200 dark:border-slate-800`}>
      <header className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={finding.severity} />
        <h4 className="text-sm font-semibold">{finding.title}</h4>
        {showTask && finding.taskId && <span className="text-xs text-slate-500 dark:text-slate-400">from {finding.taskId}</span>}
      </header>
      {finding.detail && <p className="mt-1.5 text-sm text-slate-700 dark:text-slate-300">{finding.detail}</p>}
      {finding.recommendation && (
        <p className="mt-1.5 text-sm">
          <span className="font-semibold">Recommendation: </span>
          <span className="text-slate-700 dark:text-slate-300">{finding.recommendation}</span>
        </p>
      )}
      {finding.citations.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1" aria-label="Citations">
          {finding.citations.map((c) => (
            <li key={`${c.start}-${c.end}`}>
              <CitationButton citation={c} onCite={onCite} />
            </li>
          ))}
        </ul>
      )}
      {finding.unverifiedQuotes.length > 0 && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          {finding.unverifiedQuotes.length} quote{finding.unverifiedQuotes.length === 1 ? "" : "s"} could not be found in the document and {finding.unverifiedQuotes.length === 1 ? "is" : "are"} not cited.
        </p>
      )}
    </article>
  );
}
