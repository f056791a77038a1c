import type { NodeStatus } from "@/lib/graph";
import { StatusIcon } from "@/components/ui/status-icon";
import { TASK_STATUS_META } from "@/components/ui/status-meta";

/**
 * Icon + label, so colour is never the only cue. While the step's call waits (rate limit, cache…),
 * the short wait text replaces the label; the full sentence is its tooltip and accessible name.
 */
export function NodeStatusLine({ status, extra, wait }: { status: NodeStatus; extra?: string; wait?: { label: string; short: string } }) {
  const meta = TASK_STATUS_META[status];
  if (wait) {
    return (
      <span className={`flex min-w-0 max-w-full items-center gap-1 text-xs font-semibold ${meta.text}`} data-testid="node-status" title={wait.label}>
        <StatusIcon name={meta.icon} className="h-3.5 w-3.5 shrink-0" />
        <span className="truncate font-medium" aria-label={`${meta.label}, ${wait.label}`}>
          {wait.short}
        </span>
      </span>
    );
  }
  return (
    <span className={`flex min-w-0 max-w-full items-center gap-1 text-xs font-semibold ${meta.text}`} data-testid="node-status">
      <StatusIcon name={meta.icon} className="h-3.5 w-3.5 shrink-0" />
      <span className="shrink-0">{meta.label}</span>
      {extra && (
        <span className="truncate font-normal text-slate-500 dark:text-slate-400" title={extra}>
          · {extra}
        </span>
      )}
    </span>
  );
}
