"use client";

import { useEffect, useState } from "react";

/**
 * Epoch ms, ticking every second while `active`. Null until mounted, so the server and the
 * hydrating client render the same elapsed times (callers fall back to the last event's time).
 */
export function useNow(active: boolean, intervalMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
