"use client";

import type { Citation } from "@/lib/engine/findings";
import type { RunState } from "@/lib/engine/run-state";
import { Markdown } from "@/components/ui/markdown";
import { ReportView } from "./report-view";

type Props = { state: RunState; onCite: (citation: Citation) => void; stale?: boolean };

/** The report section of the run page, with what to expect before the report exists. */
export function ReportPanel({ state, onCite, stale = false }: Props) {
  return (
    <section id="report" aria-labelledby="report-heading" className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="report-heading" className="mb-3 text-base font-semibold">
        Report
      </h2>
      {stale && (
        <p role="status" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100" data-testid="report-stale">
          Out of date: tasks are being re-run, and this report will be rewritten when they finish.
        </p>
      )}
      <ReportBody state={state} onCite={onCite} />
    </section>
  );
}

function ReportBody({ state, onCite }: Props) {
  if (state.report) return <ReportView report={state.report} onCite={onCite} />;
  if (state.status === "synthesizing") {
    return (
      <div aria-live="polite" aria-busy="true">
        <p className="mb-2 text-sm text-slate-500 dark:text-slate-400">Writing the report…</p>
        {state.synthesisText && <Markdown source={state.synthesisText} />}
      </div>
    );
  }
  if (state.status === "failed") {
    return <p className="text-sm text-slate-600 dark:text-slate-300">The run failed before a report could be written.</p>;
  }
  if (state.status === "canceled") {
    return <p className="text-sm text-slate-600 dark:text-slate-300">The run was canceled before a report was written.</p>;
  }
  return <p className="text-sm text-slate-500 dark:text-slate-400">The report appears here once every task has finished.</p>;
}
