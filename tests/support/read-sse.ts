import type { RunEvent } from "@/lib/engine/events";

/** Reads an SSE body until it ends (or `stopAfter` events), returning the events and whether `end` came. */
export async function readSse(body: ReadableStream<Uint8Array>, stopAfter = Infinity): Promise<{ events: RunEvent[]; ended: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: RunEvent[] = [];
  let buffer = "";
  let ended = false;
  while (events.length < stopAfter) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) !== -1) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (frame.startsWith("event: end")) ended = true;
      const data = frame.split("\n").find((l) => l.startsWith("data: "));
      if (data && !frame.startsWith("event:")) events.push(JSON.parse(data.slice(6)) as RunEvent);
    }
  }
  await reader.cancel().catch(() => undefined);
  return { events, ended };
}
