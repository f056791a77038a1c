import { findWorker } from "@/lib/engine/catalogue";
import type { Report } from "@/lib/engine/report";
import { StatusBadge } from "@/components/ui/status-badge";
import { TASK_STATUS_META } from "@/components/ui/status-meta";

/** One row per planned task: did it run, and how many findings it contributed. */
export function CoverageTable({ coverage }: { coverage: Report["coverage"] }) {
  if (coverage.length === 0) return null;
  return (
    <section aria-labelledby="coverage-heading">
      <h3 id="coverage-heading" className="mb-2 text-sm font-semibold">
        Coverage
      </h3>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th className="py-1 pr-3 font-medium">Task</th>
              <th className="py-1 pr-3 font-medium">Worker</th>
              <th className="py-1 pr-3 font-medium">Status</th>
              <th className="py-1 text-right font-medium">Findings</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {coverage.map((row) => (
              <tr key={row.taskId}>
                <td className="py-1.5 pr-3 font-medium">{row.taskId}</td>
                <td className="py-1.5 pr-3 text-slate-600 dark:text-slate-300">{findWorker(row.worker)?.title ?? row.worker}</td>
                <td className="py-1.5 pr-3">
                  <StatusBadge meta={TASK_STATUS_META[row.status]} />
                </td>
                <td className="py-1.5 text-right tabular-nums">{row.findingCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
