"use client";

import type { Citation } from "@/lib/engine/findings";

type Props = { citation: Citation; onCite: (citation: Citation) => void };

const MAX_QUOTE = 90;

/** A quoted passage; clicking it highlights the passage in the document viewer. */
export function CitationButton({ citation, onCite }: Props) {
  const quote = citation.quote.length > MAX_QUOTE ? `${citation.quote.slice(0, MAX_QUOTE).trimEnd()}…` : citation.quote;
  return (
    <button
      type="button"
      onClick={() => onCite(citation)}
      title="Show this passage in the document"
      className="group inline-flex max-w-full items-start gap-1.5 rounded border border-slate-200 bg-slate-50 px-2 py-1 text-left text-xs text-slate-700 hover:border-brand hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-brand dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:border-brand-dark dark:hover:bg-indigo-950/50"
    >
      <span aria-hidden="true" className="text-brand dark:text-brand-dark">
        ❝
      </span>
      <span className="min-w-0 italic">{quote}</span>
      {citation.page !== undefined && <span className="shrink-0 font-medium text-slate-500 dark:text-slate-400">p. {citation.page}</span>}
      {citation.line !== undefined && (
        <span className="shrink-0 font-mono font-medium text-slate-500 dark:text-slate-400" title={`line ${citation.line}, column ${citation.column ?? 1}`}>
          <span aria-hidden="true">
            {citation.line}:{citation.column ?? 1}
          </span>
          <span className="sr-only">
            line {citation.line}, column {citation.column ?? 1}
          </span>
        </span>
      )}
      <span className="sr-only">, show in document</span>
    </button>
  );
}
