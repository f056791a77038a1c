import Link from "next/link";
import type { RunRow } from "@/lib/server/run-queries";
import { EngineBadge } from "@/components/ui/engine-badge";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { Metered } from "@/components/ui/metered";
import { StatusBadge } from "@/components/ui/status-badge";
import { runStatusMeta } from "@/components/ui/status-meta";
import { DeleteRunButton } from "./delete-run-button";
import { RerunButton } from "./rerun-button";

const th = "px-3 py-2 max-sm:px-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-3 py-2 align-top max-sm:px-2";

/** The id of the form (outside the table) the rows' "compare" checkboxes belong to. */
export const COMPARE_FORM_ID = "compare-form";

export function HistoryTable({ rows, preselected }: { rows: readonly RunRow[]; preselected?: string }) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-sm lg:min-w-[64rem]">
        <caption className="sr-only">Runs, newest first</caption>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={th}>
              <span className="sr-only">Compare</span>
            </th>
            <th scope="col" className={th}>Document</th>
            <th scope="col" className={`${th} max-md:hidden`}>Request</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} max-md:hidden`}>Engine</th>
            <th scope="col" className={`${th} max-sm:hidden`}>Started</th>
            <th scope="col" className={`${th} text-right max-sm:hidden`}>Duration</th>
            <th scope="col" className={`${th} text-right max-sm:hidden`}>Tasks</th>
            <th scope="col" className={`${th} text-right max-md:hidden`}>Tokens</th>
            <th scope="col" className={`${th} text-right max-md:hidden`}>Cost</th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
              <td className={`${td} w-8`}>
                <input
                  type="checkbox"
                  name="run"
                  value={row.id}
                  form={COMPARE_FORM_ID}
                  defaultChecked={row.id === preselected}
                  aria-label={`Select ${row.documentName} (${formatDate(row.createdAt)}) to compare`}
                  className="h-4 w-4 accent-brand"
                />
              </td>
              <td className={`${td} max-w-40 max-sm:max-w-0 max-sm:w-full sm:max-w-56`}>
                <Link href={`/runs/${row.id}`} className="block truncate font-medium text-brand underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand dark:text-brand-dark" title={row.documentName}>
                  {row.documentName}
                </Link>
                {row.documentTitle && row.documentTitle !== row.documentName && (
                  <span className="block truncate text-xs text-slate-700 dark:text-slate-300" title={row.documentTitle}>
                    {row.documentTitle}
                  </span>
                )}
                {/* On a phone the Started column is hidden: the time goes under the name. */}
                <LocalTime iso={row.createdAt} className="block truncate text-xs text-slate-600 sm:hidden dark:text-slate-300" />
              </td>
              <td className={`${td} max-w-72 max-md:hidden`}>
                <span className="line-clamp-2 text-slate-700 dark:text-slate-300" title={row.request}>
                  {row.request}
                </span>
              </td>
              <td className={td}>
                {/* A long status ("Awaiting approval") wraps on a phone rather than push the buttons off screen. */}
                <StatusBadge meta={runStatusMeta(row.status)} className="max-sm:whitespace-normal max-sm:rounded-lg" />
              </td>
              <td className={`${td} max-md:hidden`}>
                <EngineBadge backend={row.backend} />
              </td>
              <td className={`${td} whitespace-nowrap text-slate-600 max-sm:hidden dark:text-slate-300`}>
                <LocalTime iso={row.createdAt} />
              </td>
              <td className={`${td} text-right tabular-nums max-sm:hidden`}>{formatDuration(row.durationMs)}</td>
              <td className={`${td} text-right tabular-nums max-sm:hidden`}>{row.taskCount}</td>
              <td className={`${td} whitespace-nowrap text-right tabular-nums max-md:hidden`}>
                <Metered backend={row.backend}>{formatTokens(row.totalTokens)}</Metered>
              </td>
              <td className={`${td} text-right tabular-nums max-md:hidden`}>
                <Metered backend={row.backend}>{formatCost(row.costUsd)}</Metered>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                {/* Stacked on a phone, so the row fits its width. */}
                <span className="flex justify-end gap-2 max-sm:flex-col max-sm:items-stretch">
                  <RerunButton runId={row.id} label={row.documentName} />
                  <DeleteRunButton runId={row.id} label={row.documentName} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
