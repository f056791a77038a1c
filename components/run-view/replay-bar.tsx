"use client";

import { formatDuration } from "@/components/ui/format";
import { REPLAY_SPEEDS, type Replay } from "./use-replay";

type Props = { replay: Replay; duration: number; live: boolean };

/**
 * Scrubber over the run's time: drag to see the graph, timeline and panels as they were; play
 * a finished run back at 1×, 4× or 16×; "Show live"/"Show end" returns to the current state.
 */
export function ReplayBar({ replay, duration, live }: Props) {
  const position = replay.at ?? duration;
  const button =
    "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand dark:border-slate-600 dark:hover:bg-slate-800";
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-t border-slate-200 px-3 py-2 text-xs dark:border-slate-800" data-testid="replay-bar">
      <button type="button" className={button} onClick={replay.playing ? replay.pause : replay.play} aria-label={replay.playing ? "Pause replay" : "Play replay"}>
        {replay.playing ? "❚❚ Pause" : "▶ Replay"}
      </button>
      <label className="flex min-w-40 flex-1 items-center gap-2">
        <span className="sr-only">Replay position</span>
        <input
          type="range"
          min={0}
          max={Math.max(1, Math.round(duration))}
          step={50}
          value={Math.round(position)}
          onChange={(e) => replay.seek(Number(e.target.value))}
          aria-valuetext={`${formatDuration(position)} of ${formatDuration(duration)}`}
          className="w-full accent-brand dark:accent-brand-dark"
        />
      </label>
      <span className="tabular-nums text-slate-700 dark:text-slate-200" data-testid="replay-time">
        {formatDuration(position)} / {formatDuration(duration)}
      </span>
      <span role="group" aria-label="Playback speed" className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
        {REPLAY_SPEEDS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={replay.speed === s}
            onClick={() => replay.setSpeed(s)}
            className={`px-2 py-1 text-xs focus-visible:outline-2 focus-visible:outline-brand ${replay.speed === s ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
          >
            {s}×
          </button>
        ))}
      </span>
      {replay.at !== null && (
        <button type="button" className={button} onClick={() => replay.seek(null)}>
          {live ? "Show live" : "Show end"}
        </button>
      )}
      {replay.at !== null && (
        <span role="status" className="font-semibold text-amber-800 dark:text-amber-300">
          Replaying
        </span>
      )}
    </div>
  );
}
