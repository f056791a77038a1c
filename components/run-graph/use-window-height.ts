"use client";

import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("resize", onChange);
  return () => window.removeEventListener("resize", onChange);
}

/** The window's inner height in CSS px; null during server render and hydration. */
export function useWindowHeight(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => window.innerHeight,
    () => null,
  );
}
