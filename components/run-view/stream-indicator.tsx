import type { StreamStatus } from "./use-run-events";

const LABEL: Record<StreamStatus, { text: string; dot: string }> = {
  connecting: { text: "Connecting…", dot: "bg-slate-400" },
  live: { text: "Live", dot: "bg-green-500 motion-safe:animate-pulse" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500" },
  closed: { text: "", dot: "" },
};

/** Whether the page is receiving events right now; hidden once the run is over. */
export function StreamIndicator({ status }: { status: StreamStatus }) {
  const label = LABEL[status];
  if (!label.text) return null;
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300">
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${label.dot}`} />
      {label.text}
    </span>
  );
}
