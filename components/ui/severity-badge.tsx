import type { Severity } from "@/lib/engine/findings";
import { SEVERITY_META } from "./status-meta";

export function SeverityBadge({ severity }: { severity: Severity }) {
  const meta = SEVERITY_META[severity];
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${meta.text} ${meta.soft} ${meta.border}`}>
      <span aria-hidden="true" className="inline-flex h-3.5 w-3.5 items-center justify-center text-[10px] leading-none">
        {meta.icon}
      </span>
      {meta.label}
    </span>
  );
}
