import type { RunEvent } from "../lib/engine/events";

export type ReceivedEvent = { event: RunEvent; receivedAt: number };

/**
 * A minimal SSE consumer over fetch (Node has no EventSource): follows one run's stream from
 * `after` until the server's `end` frame, or until `signal` aborts.
 */
export async function followRun(options: { url: string; runId: string; after?: number; signal?: AbortSignal; onEvent?: (e: ReceivedEvent) => void }): Promise<{ events: ReceivedEvent[]; ended: boolean; connectedAt: number }> {
  const res = await fetch(`${options.url}/api/runs/${options.runId}/events`, {
    headers: { "last-event-id": String(options.after ?? 0) },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
  const connectedAt = Date.now();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const events: ReceivedEvent[] = [];
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { events, ended: false, connectedAt };
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) !== -1) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.startsWith("event: end")) return { events, ended: true, connectedAt };
        const data = frame.split("\n").find((l) => l.startsWith("data: "));
        if (!data) continue;
        const received = { event: JSON.parse(data.slice(6)) as RunEvent, receivedAt: Date.now() };
        events.push(received);
        options.onEvent?.(received);
      }
    }
  } catch (error) {
    if (options.signal?.aborted) return { events, ended: false, connectedAt };
    throw error;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
