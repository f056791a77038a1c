import type { RunEvent } from "../lib/engine/events";

export type ReceivedEvent = { event: RunEvent; receivedAt: number };

/**
 * Reads a run's SSE body (Node has no EventSource) until the server's `end` frame, the body's
 * end, or `stopAfter` events — whichever comes first.
 */
export async function readSseBody(
  body: ReadableStream<Uint8Array>,
  options: { stopAfter?: number; onEvent?: (e: ReceivedEvent) => void } = {},
): Promise<{ events: ReceivedEvent[]; ended: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: ReceivedEvent[] = [];
  const stopAfter = options.stopAfter ?? Infinity;
  let buffer = "";
  try {
    while (events.length < stopAfter) {
      const { value, done } = await reader.read();
      if (done) return { events, ended: false };
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) !== -1) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.startsWith("event: end")) return { events, ended: true };
        const data = frame.split("\n").find((l) => l.startsWith("data: "));
        if (!data) continue;
        const received = { event: JSON.parse(data.slice(6)) as RunEvent, receivedAt: Date.now() };
        events.push(received);
        options.onEvent?.(received);
      }
    }
    return { events, ended: false };
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** Follows one run's stream over HTTP from `after` until it ends, or until `signal` aborts. */
export async function followRun(options: {
  url: string;
  runId: string;
  after?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  onEvent?: (e: ReceivedEvent) => void;
}): Promise<{ events: ReceivedEvent[]; ended: boolean; connectedAt: number }> {
  const res = await fetch(`${options.url}/api/runs/${options.runId}/events`, {
    headers: { "last-event-id": String(options.after ?? 0), ...options.headers },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
  const connectedAt = Date.now();
  try {
    return { ...(await readSseBody(res.body, options.onEvent ? { onEvent: options.onEvent } : {})), connectedAt };
  } catch (error) {
    if (options.signal?.aborted) return { events: [], ended: false, connectedAt };
    throw error;
  }
}
