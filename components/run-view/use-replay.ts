"use client";

import { useEffect, useMemo, useState } from "react";
import type { RunEvent } from "@/lib/engine/events";
import { reduceRun } from "@/lib/engine/reduce-run";
import type { RunState } from "@/lib/engine/run-state";

export const REPLAY_SPEEDS = [1, 4, 16] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];
const STEP_MS = 100;

export type Replay = {
  /** Ms since the run started that the page shows, or null for the live state. */
  at: number | null;
  playing: boolean;
  speed: ReplaySpeed;
  seek: (at: number | null) => void;
  play: () => void;
  pause: () => void;
  setSpeed: (speed: ReplaySpeed) => void;
  /** The run as it was at `at`: `reduceRun` over the events up to then (null when live). */
  state: RunState | null;
  /** The events up to `at` (null when live). */
  events: readonly RunEvent[] | null;
};

/**
 * Replay over the event log, the run's source of truth: the state at a moment is the log's
 * prefix up to it, reduced. Playback advances `at` by speed × real time until `duration`.
 */
export function useReplay(events: readonly RunEvent[], runId: string, origin: number, duration: number): Replay {
  const [at, setAt] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(1);

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      setAt((prev) => {
        const next = Math.min(duration, (prev ?? 0) + STEP_MS * speed);
        if (next >= duration) setPlaying(false);
        return next;
      });
    }, STEP_MS);
    return () => window.clearInterval(timer);
  }, [playing, speed, duration]);

  const past = useMemo(() => {
    if (at === null) return null;
    const until = origin + at;
    const prefix = events.filter((e) => Date.parse(e.at) <= until);
    return { events: prefix, state: reduceRun(prefix, runId) };
  }, [at, events, origin, runId]);

  return {
    at,
    playing,
    speed,
    state: past?.state ?? null,
    events: past?.events ?? null,
    seek: (next) => {
      setPlaying(false);
      setAt(next === null ? null : Math.max(0, Math.min(duration, next)));
    },
    play: () => {
      setAt((prev) => (prev === null || prev >= duration ? 0 : prev));
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    setSpeed,
  };
}
