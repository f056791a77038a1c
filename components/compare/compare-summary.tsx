import Link from "next/link";
import type { RunComparison, RunSide } from "@/lib/compare/compare-runs";
import { EngineBadge } from "@/components/ui/engine-badge";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { Metered } from "@/components/ui/metered";
import { StatusBadge } from "@/components/ui/status-badge";
import { runStatusMeta } from "@/components/ui/status-meta";

const th = "px-3 py-2 max-sm:px-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-3 py-2 align-top max-sm:px-2";

const ROWS: { label: string; cell: (s: RunSide) => React.ReactNode }[] = [
  { label: "Run", cell: (s) => <Link className="font-medium text-brand underline dark:text-brand-dark" href={`/runs/${s.id}`}>{s.title || s.fileName}</Link> },
  { label: "Started", cell: (s) => formatDate(s.createdAt) },
  { label: "Status", cell: (s) => <StatusBadge meta={runStatusMeta(s.status)} /> },
  { label: "Engine", cell: (s) => (<span className="flex flex-wrap items-center gap-1"><EngineBadge backend={s.backend} />{s.models && s.backend === "claude" ? <span className="text-xs">{s.models.orchestrator} / {s.models.worker}</span> : null}</span>) },
  { label: "Request", cell: (s) => <span className="line-clamp-3">{s.request}</span> },
  { label: "Plan", cell: (s) => `${s.taskCount} tasks${s.review ? (s.edited ? " · reviewed and edited" : " · reviewed") : ""}` },
  { label: "Findings", cell: (s) => s.findingCount },
  { label: "Time", cell: (s) => formatDuration(s.durationMs) },
  { label: "Tokens", cell: (s) => <Metered backend={s.backend}>{formatTokens(s.tokens)}</Metered> },
  { label: "Cost", cell: (s) => <Metered backend={s.backend}>{formatCost(s.costUsd)}</Metered> },
];

const DOCUMENTS: Record<RunComparison["documents"], string> = {
  same: "Same document",
  versions: "Two versions of one document (same title, different text)",
  different: "Different documents",
};

/** The two runs' facts side by side: document, status, engine, request, plan, findings, time, tokens, cost. */
export function CompareSummary({ comparison }: { comparison: RunComparison }) {
  return (
    <section aria-labelledby="summary-heading" className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 id="summary-heading" className="px-3 pt-3 text-base font-semibold">
        {DOCUMENTS[comparison.documents]}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm sm:min-w-[36rem]">
          <thead>
            <tr>
              <th scope="col" className={th}><span className="sr-only">Fact</span></th>
              <th scope="col" className={th}>A</th>
              <th scope="col" className={th}>B</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row" className={`${td} w-28 text-left max-sm:w-20 font-medium text-slate-600 dark:text-slate-300`}>{row.label}</th>
                <td className={td}>{row.cell(comparison.a)}</td>
                <td className={td}>{row.cell(comparison.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
