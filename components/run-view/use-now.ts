"use client";

import { useEffect, useState } from "react";

/**
 * Epoch ms, ticking every second while `active`. Null until the first tick, so the server and
 * the hydrating client render the same elapsed times (callers fall back to the last event's time).
 */
export function useNow(active: boolean, intervalMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, intervalMs);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}
