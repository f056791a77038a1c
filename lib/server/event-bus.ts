import "server-only";
import type { RunEvent } from "../engine/events";
import { processSingleton } from "./global-singleton";

type Listener = (event: RunEvent) => void;

/** In-process fan-out of committed events to live subscribers (SSE streams). */
export type EventBus = {
  publish(event: RunEvent): void;
  subscribe(runId: string, listener: Listener): () => void;
  /** Whether anyone in this process is watching the run (the cross-process relay reads only for those). */
  hasSubscribers(runId: string): boolean;
  /** The runs someone in this process is watching. */
  watchedRuns(): string[];
};

export function createEventBus(): EventBus {
  const listeners = new Map<string, Set<Listener>>();
  return {
    publish(event) {
      for (const listener of listeners.get(event.runId) ?? []) {
        try {
          listener(event);
        } catch (error) {
          console.error("[foreman] an event subscriber failed:", error); // one bad stream must not stop the others
        }
      }
    },
    subscribe(runId, listener) {
      const set = listeners.get(runId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(runId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(runId);
      };
    },
    hasSubscribers(runId) {
      return (listeners.get(runId)?.size ?? 0) > 0;
    },
    watchedRuns() {
      return [...listeners.keys()];
    },
  };
}

export function eventBus(): EventBus {
  return processSingleton("event-bus", createEventBus);
}
