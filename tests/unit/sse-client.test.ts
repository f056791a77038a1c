import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { followRun } from "@/scripts/sse-client";

/**
 * The test client holds the server to HTTP: a stream whose connection closes after the `end` frame
 * but before the chunked body's terminating chunk is an error (what `curl` reports as "transfer
 * closed with outstanding read data"), not a normal end. Served by a raw TCP server, so every byte
 * on the wire is the test's.
 */
const RUN = "00000000-0000-4000-8000-000000000001";
const event = (seq: number) => `id: ${seq}\ndata: ${JSON.stringify({ runId: RUN, seq, at: new Date().toISOString(), type: "run-end", status: "succeeded" })}\n\n`;
const END = "event: end\ndata: {}\n\n";
const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves one response, written by `respond`, to each request. */
async function serve(respond: (socket: Socket) => void): Promise<string> {
  server = createServer((socket) => socket.once("data", () => respond(socket)));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("no port");
  return `http://127.0.0.1:${address.port}`;
}

describe("followRun", () => {
  it("resolves with the events when the response ends with its terminating chunk", async () => {
    const url = await serve((s) => s.end(HEAD + chunk("retry: 1000\n\n") + chunk(event(1) + END) + "0\r\n\r\n"));
    const { events, ended } = await followRun({ url, runId: RUN });
    expect(ended).toBe(true);
    expect(events.map((e) => e.event.seq)).toEqual([1]);
  });

  it("rejects when the connection closes after the end frame without the terminating chunk", async () => {
    const url = await serve((s) => s.end(HEAD + chunk(event(1)) + chunk(END)));
    await expect(followRun({ url, runId: RUN })).rejects.toThrow(/without terminating the response \(after its end frame\)/);
  });

  it("rejects when the stream is cut before its end frame", async () => {
    const url = await serve((s) => s.end(HEAD + chunk(event(1))));
    await expect(followRun({ url, runId: RUN })).rejects.toThrow(/without terminating the response$/);
  });

  it("rejects when a terminated response had no end frame", async () => {
    const url = await serve((s) => s.end(HEAD + chunk(event(1)) + "0\r\n\r\n"));
    await expect(followRun({ url, runId: RUN })).rejects.toThrow(/ended without its end frame/);
  });

  it("resolves with what arrived when the caller aborts", async () => {
    const url = await serve((s) => s.write(HEAD + chunk(event(1)))); // never ends
    const controller = new AbortController();
    const { events, ended } = await followRun({ url, runId: RUN, signal: controller.signal, onEvent: () => controller.abort() });
    expect(ended).toBe(false);
    expect(events).toHaveLength(1);
  });
});
