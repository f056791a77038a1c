import { readSseBody } from "@/scripts/sse-client";

/** The events of an SSE body (without arrival times) and whether the server ended the stream. */
export async function readSse(body: ReadableStream<Uint8Array>, stopAfter?: number) {
  const { events, ended } = await readSseBody(body, stopAfter ? { stopAfter } : {});
  return { events: events.map((e) => e.event), ended };
}
