"use client";

import { SEVERITY_ORDER, type Citation, type Finding } from "@/lib/engine/findings";
import { SEVERITY_META } from "@/components/ui/status-meta";
import { FindingCard } from "./finding-card";

type Props = { findings: readonly Finding[]; onCite: (citation: Citation) => void; headingLevel?: "h3" | "h4" };

/** Critical first, then warnings, then info; empty groups are left out. */
export function FindingsBySeverity({ findings, onCite, headingLevel = "h3" }: Props) {
  if (findings.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No findings.</p>;
  const Heading = headingLevel;
  return (
    <div className="flex flex-col gap-4">
      {SEVERITY_ORDER.map((severity) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        return (
          <section key={severity} aria-label={`${SEVERITY_META[severity].label} findings`}>
            <Heading className={`mb-2 text-xs font-bold uppercase tracking-wide ${SEVERITY_META[severity].text}`}>
              {SEVERITY_META[severity].label} ({group.length})
            </Heading>
            <div className="flex flex-col gap-2">
              {group.map((finding, i) => (
                <FindingCard key={`${finding.taskId ?? ""}-${finding.title}-${i}`} finding={finding} onCite={onCite} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
