import type { EventSink, RunEventDraft } from "./events";

/** No single run event may be larger than this when serialised (bytes of JSON): the log, SSE frames and the CLI's JSON lines stay small. */
export const MAX_EVENT_BYTES = 256 * 1024;
/**
 * Longest text one delta event carries, in UTF-16 code units. Even if every unit needed 6 bytes
 * of JSON (`\uXXXX`), a delta stays well under `MAX_EVENT_BYTES`.
 */
export const MAX_DELTA_CHARS = 32 * 1024;

/** Cuts `text` into pieces of at most `MAX_DELTA_CHARS`, never between the halves of a surrogate pair. */
export function splitDeltaText(text: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + MAX_DELTA_CHARS);
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1] ?? "")) end -= 1;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}

/**
 * A sink that streams a long delta (a direct answer, a model's long output) as several deltas in
 * order. Readers concatenate deltas anyway, so the run reads the same; each call still stamps
 * synchronously, so `seq` stays gap-free and ordered.
 */
export function boundDeltas(sink: EventSink): EventSink {
  return (draft: RunEventDraft) => {
    switch (draft.type) {
      case "plan-delta":
      case "task-delta":
      case "synthesis-delta": {
        if (draft.text.length <= MAX_DELTA_CHARS) return sink(draft);
        const pieces = splitDeltaText(draft.text);
        const last = pieces.pop() ?? "";
        for (const text of pieces) void sink({ ...draft, text });
        return sink({ ...draft, text: last });
      }
      default:
        return sink(draft);
    }
  };
}
