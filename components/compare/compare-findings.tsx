import type { FindingComparison } from "@/lib/compare/match-findings";
import type { Finding } from "@/lib/engine/findings";
import { SeverityBadge } from "@/components/ui/severity-badge";

const card = "rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900";

/** Anchor of a finding on the compare page, so the document diff can link to it. */
export const findingAnchor = (run: "a" | "b", index: number) => `finding-${run}-${index}`;

function Item({ finding, anchor }: { finding: Finding; anchor?: string }) {
  return (
    <li id={anchor} className="flex scroll-mt-4 items-start gap-2 py-1.5 target:bg-amber-100 dark:target:bg-amber-900/40">
      <SeverityBadge severity={finding.severity} />
      <span>
        <span className="font-medium">{finding.title}</span>
        {finding.citations[0] && <span className="block text-xs text-slate-500 dark:text-slate-400">“{finding.citations[0].quote.slice(0, 140)}”</span>}
      </span>
    </li>
  );
}

/** Findings matched across the runs: added in B, removed from A, severity changed, unchanged. */
export function CompareFindings({ findings, a, b }: { findings: FindingComparison; a: readonly Finding[]; b: readonly Finding[] }) {
  const anchor = (run: "a" | "b", f: Finding) => findingAnchor(run, (run === "a" ? a : b).indexOf(f));
  return (
    <section aria-labelledby="findings-heading" className={card}>
      <h2 id="findings-heading" className="text-base font-semibold">Findings</h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {findings.added.length} added · {findings.removed.length} removed · {findings.changedSeverity.length} changed severity · {findings.unchanged.length} unchanged
      </p>
      <div className="mt-2 grid gap-3 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-green-800 dark:text-green-300">Added in B</h3>
          <ul>{findings.added.map((f) => <Item key={anchor("b", f)} finding={f} anchor={anchor("b", f)} />)}</ul>
          {findings.added.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">None.</p>}
        </div>
        <div>
          <h3 className="text-sm font-semibold text-red-800 dark:text-red-300">Removed (only in A)</h3>
          <ul>{findings.removed.map((f) => <Item key={anchor("a", f)} finding={f} anchor={anchor("a", f)} />)}</ul>
          {findings.removed.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">None.</p>}
        </div>
      </div>
      {findings.changedSeverity.length > 0 && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-amber-800 dark:text-amber-300">Severity changed</h3>
          <ul>
            {findings.changedSeverity.map((p) => (
              <li key={anchor("a", p.a)} id={anchor("a", p.a)} className="flex flex-wrap items-center gap-2 py-1.5 text-sm">
                <SeverityBadge severity={p.a.severity} /> → <SeverityBadge severity={p.b.severity} />
                <span id={anchor("b", p.b)} className="font-medium">{p.b.title}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">(matched by {p.how})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {findings.unchanged.length > 0 && (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-semibold">Unchanged ({findings.unchanged.length})</summary>
          <ul>{findings.unchanged.map((p) => <Item key={anchor("a", p.a)} finding={p.b} anchor={anchor("b", p.b)} />)}</ul>
        </details>
      )}
    </section>
  );
}
