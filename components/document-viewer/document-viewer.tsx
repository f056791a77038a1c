"use client";

import { useEffect, useMemo, useRef } from "react";
import type { DocumentMetadata, DocumentPage } from "@/lib/documents/document";
import { documentSegments, type TextRange } from "./document-segments";
import { howRead } from "./how-read";
import { LineGutter } from "./line-gutter";

export type ViewerDocument = { title: string; fileName: string; format: string; text: string; pages: DocumentPage[]; metadata?: DocumentMetadata };

type Props = {
  document: ViewerDocument;
  highlight: (TextRange & { page?: number; line?: number; column?: number }) | null;
  /** Changes on every click, so citing the same passage twice scrolls to it again. */
  highlightNonce: number;
  onClear: () => void;
  /** Returns to the citation that was clicked (scrolling the page to the viewer moved away from it). */
  onBack?: () => void;
};

/**
 * The document text exactly as Foreman stores it — what the models read, the same as
 * `npm run analyze -- FILE --text` — with how it was read (encoding, hidden passages left out…),
 * the cited passage marked and scrolled into view, and its line:column for source code.
 */
export function DocumentViewer({ document, highlight, highlightNonce, onClear, onBack }: Props) {
  const markRef = useRef<HTMLElement>(null);
  const segments = useMemo(() => documentSegments(document.text, document.pages, highlight), [document, highlight]);

  useEffect(() => {
    if (highlightNonce === 0) return;
    markRef.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [highlightNonce]);

  const firstMark = segments.findIndex((s) => s.kind === "text" && s.highlighted);
  // Source code gets a line-number gutter and keeps its lines unwrapped (as in an editor), so the
  // numbers stay level with the lines; paged text has page markers between lines instead. The
  // mark's scroll margin keeps a long line's cited start clear of the gutter, with some context
  // before it, when it scrolls sideways (a passage near the line's start does not scroll at all).
  const numbered = document.format === "code" && document.pages.length === 0;
  return (
    <section aria-labelledby="document-heading" className="flex min-h-0 flex-col rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-start justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <div className="min-w-0">
          <h2 id="document-heading" className="truncate text-sm font-semibold">
            {document.title || document.fileName}
          </h2>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">
            {document.fileName} · {document.format.toUpperCase()} · {document.text.length.toLocaleString("en")} characters
            {document.pages.length > 0 ? ` · ${document.pages.length} pages` : ""}
          </p>
          <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="how-read">
            <span className="font-medium text-slate-600 dark:text-slate-300">Text as Foreman reads it</span>
            {howRead(document.metadata).map((part) => ` · ${part}`)}
          </p>
        </div>
        <div className="flex max-w-[55%] flex-wrap items-center justify-end gap-1">
          {highlight?.line !== undefined && highlight.column !== undefined && (
            <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid="highlight-position">
              line {highlight.line}:{highlight.column}
            </span>
          )}
          {highlight && onBack && (
            <button type="button" onClick={onBack} className="shrink-0 rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand dark:text-slate-300 dark:hover:bg-slate-800">
              ↑ Back to the citation
            </button>
          )}
          {highlight && (
            <button type="button" onClick={onClear} className="shrink-0 rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand dark:text-slate-300 dark:hover:bg-slate-800">
              Clear highlight
            </button>
          )}
        </div>
      </header>
      <p className="sr-only" aria-live="polite">
        {highlight
          ? `Showing the cited passage${highlight.page ? ` on page ${highlight.page}` : ""}${highlight.line !== undefined ? ` at line ${highlight.line}, column ${highlight.column ?? 1}` : ""}.`
          : ""}
      </p>
      <div className="max-h-[70vh] min-h-48 overflow-auto px-4 py-3" tabIndex={0} role="region" aria-label="Document text">
        {document.text.length === 0 ? (
          <p className="text-sm text-slate-500">The document has no text.</p>
        ) : (
          <div className={`font-mono text-[13px] leading-relaxed text-slate-800 dark:text-slate-200 ${numbered ? "flex w-max min-w-full gap-3" : ""}`}>
            {numbered && <LineGutter text={document.text} />}
            <div data-testid="document-body" className={numbered ? "whitespace-pre" : "whitespace-pre-wrap break-words"}>
              {segments.map((s, i) => {
                if (s.kind === "page")
                  return (
                    <span key={`page-${s.number}`} className="my-2 block border-t border-dashed border-slate-300 pt-1 font-sans text-xs font-semibold text-slate-500 dark:border-slate-700 dark:text-slate-400">
                      Page {s.number}
                    </span>
                  );
                if (!s.highlighted) return <span key={s.start}>{s.text}</span>;
                return (
                  <mark key={s.start} ref={i === firstMark ? markRef : undefined} className="scroll-ml-32 rounded-sm bg-yellow-200 px-0.5 text-slate-900 ring-2 ring-yellow-400 dark:bg-yellow-500/40 dark:text-yellow-50">
                    {s.text}
                  </mark>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
