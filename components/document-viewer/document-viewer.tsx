"use client";

import { useEffect, useMemo, useRef } from "react";
import type { DocumentPage } from "@/lib/documents/document";
import { documentSegments, type TextRange } from "./document-segments";

export type ViewerDocument = { title: string; fileName: string; format: string; text: string; pages: DocumentPage[] };

type Props = {
  document: ViewerDocument;
  highlight: (TextRange & { page?: number }) | null;
  /** Changes on every click, so citing the same passage twice scrolls to it again. */
  highlightNonce: number;
  onClear: () => void;
};

/** The document text as the models saw it, with the cited passage marked and scrolled into view. */
export function DocumentViewer({ document, highlight, highlightNonce, onClear }: Props) {
  const markRef = useRef<HTMLElement>(null);
  const segments = useMemo(() => documentSegments(document.text, document.pages, highlight), [document, highlight]);

  useEffect(() => {
    if (highlightNonce === 0) return;
    markRef.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [highlightNonce]);

  const firstMark = segments.findIndex((s) => s.kind === "text" && s.highlighted);
  return (
    <section aria-labelledby="document-heading" className="flex min-h-0 flex-col rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <div className="min-w-0">
          <h2 id="document-heading" className="truncate text-sm font-semibold">
            {document.title || document.fileName}
          </h2>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">
            {document.fileName} · {document.format.toUpperCase()} · {document.text.length.toLocaleString("en")} characters
            {document.pages.length > 0 ? ` · ${document.pages.length} pages` : ""}
          </p>
        </div>
        {highlight && (
          <button type="button" onClick={onClear} className="shrink-0 rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand dark:text-slate-300 dark:hover:bg-slate-800">
            Clear highlight
          </button>
        )}
      </header>
      <p className="sr-only" aria-live="polite">
        {highlight ? `Showing the cited passage${highlight.page ? ` on page ${highlight.page}` : ""}.` : ""}
      </p>
      <div className="max-h-[70vh] min-h-48 overflow-auto px-4 py-3" tabIndex={0} role="region" aria-label="Document text">
        {document.text.length === 0 ? (
          <p className="text-sm text-slate-500">The document has no text.</p>
        ) : (
          <div className="whitespace-pre-wrap break-words font-mono text-[13px] leading-relaxed text-slate-800 dark:text-slate-200">
            {segments.map((s, i) => {
              if (s.kind === "page")
                return (
                  <span key={`page-${s.number}`} className="my-2 block border-t border-dashed border-slate-300 pt-1 font-sans text-xs font-semibold text-slate-500 dark:border-slate-700 dark:text-slate-400">
                    Page {s.number}
                  </span>
                );
              if (!s.highlighted) return <span key={s.start}>{s.text}</span>;
              return (
                <mark key={s.start} ref={i === firstMark ? markRef : undefined} className="rounded-sm bg-yellow-200 px-0.5 text-slate-900 ring-2 ring-yellow-400 dark:bg-yellow-500/40 dark:text-yellow-50">
                  {s.text}
                </mark>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
