import type { EventSink, RunEvent, RunEventDraft } from "./events";

/**
 * Numbers drafts in call order. Sinks must stamp synchronously when called (the engine fires
 * stream deltas without awaiting) and persist in stamp order, so `seq` is gap-free and ordered.
 */
export function createStamper(options: { runId: string; lastSeq?: number; now?: () => Date }): (draft: RunEventDraft) => RunEvent {
  let seq = options.lastSeq ?? 0;
  const now = options.now ?? (() => new Date());
  return (draft) => ({ ...draft, runId: options.runId, seq: ++seq, at: now().toISOString() }) as RunEvent;
}

/** A sink that keeps events in memory: for the CLI, tests and benchmarks. */
export function createMemorySink(options: { runId: string; now?: () => Date; onEvent?: (event: RunEvent) => void }): {
  sink: EventSink;
  events: RunEvent[];
} {
  const stamp = createStamper(options);
  const events: RunEvent[] = [];
  const sink: EventSink = (draft) => {
    const event = stamp(draft);
    events.push(event);
    options.onEvent?.(event);
    return event;
  };
  return { sink, events };
}
