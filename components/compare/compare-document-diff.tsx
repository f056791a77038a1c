import type { DocumentDiff } from "@/lib/compare/document-diff";
import { findingAnchor } from "./compare-findings";

const STYLE = {
  same: "text-slate-600 dark:text-slate-400",
  added: "bg-green-50 text-green-900 border-l-4 border-green-500 dark:bg-green-950/40 dark:text-green-100",
  removed: "bg-red-50 text-red-900 border-l-4 border-red-500 dark:bg-red-950/40 dark:text-red-100",
} as const;

/** The line diff of the two documents; each changed passage links to the findings that cite it. */
export function CompareDocumentDiff({ diff }: { diff: DocumentDiff }) {
  return (
    <section aria-labelledby="diff-heading" className="rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="diff-heading" className="text-base font-semibold">What changed in the document</h2>
      {"tooLarge" in diff ? (
        <p className="text-sm">{diff.reason}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {diff.added} {diff.added === 1 ? "line" : "lines"} added in B, {diff.removed} removed from A.
          </p>
          <div className="mt-2 max-h-[40rem] overflow-auto rounded-md border border-slate-100 font-mono text-xs dark:border-slate-800">
            {diff.passages.map((p, i) => (
              <div key={i} className={`px-2 py-1 ${STYLE[p.kind]}`} data-diff={p.kind}>
                <span className="sr-only">{p.kind === "added" ? "Added in B: " : p.kind === "removed" ? "Removed from A: " : ""}</span>
                {/* Only the removed text is struck through, not the links to the findings under it. */}
                <pre className={`whitespace-pre-wrap break-words ${p.kind === "removed" ? "line-through decoration-red-400/60" : ""}`}>{p.text}</pre>
                {p.elided ? <span className="text-[10px] italic">({p.elided.toLocaleString("en")} unchanged characters not shown)</span> : null}
                {p.findings.length > 0 && (
                  <p className="mt-1 font-sans not-italic">
                    Cited by:{" "}
                    {p.findings.map((f, j) => (
                      <a key={j} href={`#${findingAnchor(f.run, f.index)}`} className="mr-2 underline">
                        {f.title} ({f.run.toUpperCase()}, {f.severity})
                      </a>
                    ))}
                  </p>
                )}
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
