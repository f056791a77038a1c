"use client";

import type { TimelineAttempt, TimelineRow, Timeline } from "@/lib/graph";
import { taskNodeId } from "@/lib/graph";
import { formatDuration } from "@/components/ui/format";

type Props = { timeline: Timeline; selectedId: string | null; onSelect: (nodeId: string) => void };

const BAR: Record<TimelineAttempt["outcome"], string> = {
  succeeded: "bg-status-succeeded dark:bg-status-succeeded-dark",
  partial: "bg-status-partial dark:bg-status-partial-dark",
  failed: "bg-status-failed dark:bg-status-failed-dark",
  retried: "bg-status-retrying dark:bg-status-retrying-dark",
  running: "bg-status-running dark:bg-status-running-dark motion-safe:animate-pulse",
};

const pct = (ms: number, total: number) => `${Math.max(0, Math.min(100, (ms / total) * 100))}%`;

function nodeIdOf(row: TimelineRow): string {
  return row.kind === "task" ? taskNodeId(row.id) : row.id;
}

function ticks(duration: number): number[] {
  const steps = [100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
  const step = steps.find((s) => duration / s <= 6) ?? 3_600_000;
  return Array.from({ length: Math.floor(duration / step) + 1 }, (_, i) => i * step);
}

function attemptText(row: TimelineRow, a: TimelineAttempt): string {
  const what = a.outcome === "running" ? "running" : a.outcome === "retried" ? `retried: ${a.error?.message ?? a.error?.code ?? "error"}` : a.outcome;
  return `${row.label} attempt ${a.attempt}: ${formatDuration(a.start)} → ${a.open ? "now" : formatDuration(a.end)} (${what})`;
}

/**
 * One row per step on the run's time axis: grey hatched while blocked on dependencies, amber
 * while ready but waiting for a free slot, a bar per attempt coloured by outcome, retries and
 * backoffs marked with their reason, the critical path outlined, and a "now" line while running.
 */
export function RunTimeline({ timeline, selectedId, onSelect }: Props) {
  const { rows, duration, now } = timeline;
  return (
    <div data-testid="run-timeline">
      {/* The legend wraps at the screen's width; only the chart scrolls sideways. */}
      <div className="px-3 pt-3">
        <Legend />
      </div>
      <div className="overflow-x-auto">
        <div className="min-w-[34rem] p-3 pt-0">
          <div className="relative mt-2">
            <div className="ml-28 flex h-5 border-b border-slate-200 text-[11px] text-slate-600 dark:border-slate-700 dark:text-slate-300" aria-hidden="true">
              <div className="relative flex-1">
                {ticks(duration).map((t, i) => (
                  // The first label starts at its tick and one near the end ends there, so none is cut.
                  <span key={t} className={`absolute whitespace-nowrap tabular-nums ${i === 0 ? "" : t / duration > 0.9 ? "-translate-x-full" : "-translate-x-1/2"}`} style={{ left: pct(t, duration) }}>
                    {formatDuration(t)}
                  </span>
                ))}
              </div>
            </div>
            <ol aria-label="Timeline of the run's steps">
              {rows.map((row) => {
                const id = nodeIdOf(row);
                return (
                  <li key={row.id} className="flex items-center gap-2 border-b border-slate-100 py-1 dark:border-slate-800" data-timeline-row={row.id} data-critical={row.critical || undefined}>
                    <button
                      type="button"
                      onClick={() => onSelect(id)}
                      aria-pressed={selectedId === id}
                      className={`w-26 shrink-0 truncate rounded px-1 text-left text-xs hover:bg-slate-100 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-900 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-100 focus-visible:outline-2 focus-visible:outline-brand dark:hover:bg-slate-800 ${row.critical ? "font-semibold" : ""}`}
                      title={row.label}
                    >
                      {row.critical && <span className="sr-only">Critical path: </span>}
                      {row.label}
                    </button>
                    <div className="relative h-6 flex-1">
                      {row.blocked && (
                        <span
                          className="absolute top-2 h-2 rounded-sm bg-[repeating-linear-gradient(45deg,#cbd5e1_0_3px,transparent_3px_6px)] dark:bg-[repeating-linear-gradient(45deg,#475569_0_3px,transparent_3px_6px)]"
                          style={{ left: pct(row.blocked.start, duration), width: pct(row.blocked.end - row.blocked.start, duration) }}
                          title={`Waiting for dependencies: ${formatDuration(row.blocked.end - row.blocked.start)}`}
                          data-span="blocked"
                        />
                      )}
                      {row.queued && (
                        <span
                          className="absolute top-2 h-2 rounded-sm bg-amber-300 dark:bg-amber-600"
                          style={{ left: pct(row.queued.start, duration), width: pct(row.queued.end - row.queued.start, duration) }}
                          title={`Ready, waiting for a free slot: ${formatDuration(row.queued.end - row.queued.start)}`}
                          data-span="queued"
                        />
                      )}
                      {row.waits.map((w) => (
                        <span
                          key={`${w.start}-${w.reason}`}
                          className="absolute top-2.5 h-1 bg-status-retrying/60 dark:bg-status-retrying-dark/60"
                          style={{ left: pct(w.start, duration), width: pct(w.end - w.start, duration) }}
                          title={`Waiting ${formatDuration(w.end - w.start)}: ${w.reason}`}
                          data-span="wait"
                        />
                      ))}
                      {row.attempts.map((a) => (
                        <span
                          key={a.attempt}
                          className={`absolute top-1 h-4 min-w-[3px] rounded ${BAR[a.outcome]} ${row.critical ? "ring-2 ring-slate-900 ring-offset-1 dark:ring-white dark:ring-offset-slate-900" : ""}`}
                          style={{ left: pct(a.start, duration), width: pct(a.end - a.start, duration) }}
                          title={attemptText(row, a)}
                          data-span="attempt"
                          data-outcome={a.outcome}
                        >
                          {a.outcome === "retried" && (
                            <span className="absolute -right-1 -top-1.5 text-[11px] leading-none text-status-retrying dark:text-status-retrying-dark" aria-hidden="true">
                              ↻
                            </span>
                          )}
                        </span>
                      ))}
                      <span className="sr-only">{row.attempts.map((a) => attemptText(row, a)).join("; ") || "Not started"}</span>
                    </div>
                  </li>
                );
              })}
            </ol>
            {now !== undefined && (
              <div className="pointer-events-none absolute bottom-0 top-0 ml-28 w-[calc(100%-7rem)]" aria-hidden="true">
                <div className="absolute bottom-0 top-0 w-0.5 bg-red-600 dark:bg-red-400" style={{ left: pct(now, duration) }} data-testid="timeline-now">
                  <span className="absolute -top-0.5 left-1 rounded bg-red-600 px-1 text-[11px] font-semibold text-white dark:bg-red-400 dark:text-slate-950">now</span>
                </div>
              </div>
            )}
          </div>
          <RetryList rows={rows} />
        </div>
      </div>
    </div>
  );
}

function Legend() {
  const item = "inline-flex items-center gap-1";
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
      <span className={item}>
        <span className="inline-block h-2 w-4 rounded-sm bg-[repeating-linear-gradient(45deg,#cbd5e1_0_3px,transparent_3px_6px)] dark:bg-[repeating-linear-gradient(45deg,#475569_0_3px,transparent_3px_6px)]" aria-hidden="true" />
        waiting for dependencies
      </span>
      <span className={item}>
        <span className="inline-block h-2 w-4 rounded-sm bg-amber-300 dark:bg-amber-600" aria-hidden="true" />
        waiting for a slot
      </span>
      <span className={item}>
        <span className="inline-block h-3 w-4 rounded bg-status-succeeded dark:bg-status-succeeded-dark" aria-hidden="true" />
        attempt
      </span>
      <span className={item}>
        <span className="inline-block h-3 w-4 rounded bg-status-retrying dark:bg-status-retrying-dark" aria-hidden="true" />↻ retried
      </span>
      <span className={item}>
        <span className="inline-block h-3 w-4 rounded ring-2 ring-slate-900 dark:ring-white" aria-hidden="true" />
        critical path
      </span>
    </p>
  );
}

/** Retries and waits spelled out, since a bar's tooltip is not enough. */
function RetryList({ rows }: { rows: readonly TimelineRow[] }) {
  const items = rows.flatMap((row) => [
    ...row.attempts.filter((a) => a.outcome === "retried").map((a) => `${row.label}: attempt ${a.attempt} retried at ${formatDuration(a.end)} — ${a.error?.message ?? a.error?.code ?? "error"}`),
    ...row.waits.filter((w) => !w.reason.startsWith("backoff")).map((w) => `${row.label}: waited ${formatDuration(w.end - w.start)} at ${formatDuration(w.start)} — ${w.reason}`),
  ]);
  if (items.length === 0) return null;
  return (
    <div className="mt-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">Retries and waits</h3>
      <ul className="mt-1 list-disc pl-5 text-xs text-slate-700 dark:text-slate-200">
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </div>
  );
}
