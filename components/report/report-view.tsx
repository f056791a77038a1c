"use client";

import type { Citation } from "@/lib/engine/findings";
import type { Report } from "@/lib/engine/report";
import { Markdown } from "@/components/ui/markdown";
import { CitationButton } from "./citation-button";
import { CoverageTable } from "./coverage-table";
import { FindingsBySeverity } from "./findings-by-severity";
import { ExtensionsSection } from "./extensions-section";
import { GapsSection } from "./gaps-section";

type Props = { report: Report; onCite: (citation: Citation) => void };

/** The section already says "Report": a narrative opening with its own "# Final report" heading would say it twice. */
export function withoutLeadingReportHeading(narrative: string): string {
  return narrative.replace(/^\s*#{1,6}[ \t]+[^\n]*\breport\b[^\n]*\n+/i, "");
}

/** The synthesised report: narrative, what is missing, findings by severity, coverage. */
export function ReportView({ report, onCite }: Props) {
  return (
    <div className="flex flex-col gap-5">
      {report.direct && (
        <p className="text-xs text-slate-500 dark:text-slate-400">The orchestrator answered this request directly, without workers.</p>
      )}
      {report.incomplete && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
          <span className="font-semibold">Incomplete summary.</span> {report.incomplete} The findings and gaps below are not affected.
        </p>
      )}
      <Markdown source={withoutLeadingReportHeading(report.narrative)} />
      {report.citations.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Sources for the summary</h3>
          <ul className="flex flex-wrap gap-1.5">
            {report.citations.map((c) => (
              <li key={`${c.start}-${c.end}`} className="max-w-full">
                <CitationButton citation={c} onCite={onCite} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <GapsSection gaps={report.gaps} />
      <ExtensionsSection extensions={report.extensions} />
      <section aria-labelledby="findings-heading">
        <h3 id="findings-heading" className="mb-2 text-sm font-semibold">
          Findings ({report.findings.length})
        </h3>
        <FindingsBySeverity findings={report.findings} onCite={onCite} headingLevel="h4" />
      </section>
      <CoverageTable coverage={report.coverage} />
    </div>
  );
}
