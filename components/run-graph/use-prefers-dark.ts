"use client";

import { useSyncExternalStore } from "react";

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/**
 * The system colour scheme, "light" during server render and hydration. React Flow's own
 * colorMode="system" reads the media query during hydration and leaves a stale class on the
 * server-rendered element; switching after hydration makes React update it.
 */
export function usePrefersDark(): "light" | "dark" {
  const dark = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
  return dark ? "dark" : "light";
}
