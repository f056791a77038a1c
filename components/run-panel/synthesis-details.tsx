"use client";

import type { Citation } from "@/lib/engine/findings";
import type { RunState } from "@/lib/engine/run-state";
import { isMetered, isStale, synthesisStatus } from "@/lib/graph";
import { Markdown } from "@/components/ui/markdown";
import { StatusBadge } from "@/components/ui/status-badge";
import { TASK_STATUS_META } from "@/components/ui/status-meta";
import { FindingsBySeverity } from "@/components/report/findings-by-severity";
import { GapsSection } from "@/components/report/gaps-section";
import { DetailSection } from "./detail-section";
import { StepInputsView } from "./step-inputs-view";
import { UsageSummary } from "./usage-summary";

type Props = { state: RunState; onCite: (citation: Citation) => void };

export function SynthesisDetails({ state, onCite }: Props) {
  const { report } = state;
  return (
    <div className="flex flex-col gap-3">
      <header>
        <p className="text-xs text-slate-500 dark:text-slate-400">Combines every task into one report</p>
        <h2 id="node-panel-title" className="text-base font-semibold">
          Synthesis
        </h2>
        <StatusBadge meta={TASK_STATUS_META[synthesisStatus(state)]} size="md" className="mt-2" />
        {isStale(state) && (
          <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
            Out of date: tasks are being re-run; the synthesis runs again when they finish.
          </p>
        )}
      </header>
      {!report && state.synthesisText && (
        <DetailSection title="Writing">
          <Markdown source={state.synthesisText} />
        </DetailSection>
      )}
      {!report && !state.synthesisText && <p className="text-sm text-slate-500 dark:text-slate-400">Starts once every task has finished.</p>}
      {report && (
        <>
          <DetailSection title="Narrative">
            <Markdown source={report.narrative} />
            <a href="#report" className="mt-2 inline-block text-xs font-medium text-brand underline dark:text-brand-dark">
              Go to the full report
            </a>
          </DetailSection>
          <GapsSection gaps={report.gaps} />
          <DetailSection title={`Findings (${report.findings.length})`}>
            <FindingsBySeverity findings={report.findings} onCite={onCite} headingLevel="h4" />
          </DetailSection>
        </>
      )}
      <DetailSection title="What it was given">
        <StepInputsView inputs={state.synthesisInputs} label="synthesis" />
      </DetailSection>
      {isMetered(state) && (
        <DetailSection title="Synthesis usage">
          <UsageSummary usage={state.synthesisUsage} />
        </DetailSection>
      )}
    </div>
  );
}
