import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "@/scripts/server-process";

/**
 * Slowloris against the built server: clients that send request headers a line at a time are
 * answered 408 and disconnected after FOREMAN_HEADER_TIMEOUT_MS (scripts/http-timeouts.mjs), and
 * other clients are served meanwhile.
 */
const HEADER_TIMEOUT_MS = 2000;

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ env: { FOREMAN_BACKEND: "scripted", FOREMAN_HEADER_TIMEOUT_MS: String(HEADER_TIMEOUT_MS) } });
});
afterAll(() => server?.kill());

/** Opens a connection that sends a request line and then one header line every 200 ms, forever; resolves when the server closes it. */
function slowClient(port: number): { closed: Promise<{ afterMs: number; received: string }>; socket: Socket } {
  const socket = connect(port, "127.0.0.1");
  let received = "";
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  socket.on("connect", () => {
    socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    let line = 0;
    timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(`X-Slow-${line++}: 1\r\n`);
    }, 200);
  });
  socket.on("data", (data) => (received += data.toString()));
  socket.on("error", () => undefined); // a reset while writing is one way of being dropped
  const closed = new Promise<{ afterMs: number; received: string }>((resolve) =>
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ afterMs: Date.now() - started, received });
    }),
  );
  return { closed, socket };
}

describe("header timeout", () => {
  it("drops clients that send headers slowly with 408, and serves others meanwhile", async () => {
    const slow = Array.from({ length: 20 }, () => slowClient(server.port));
    // While all of them are connected and trickling, a normal request is answered.
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const results = await Promise.all(slow.map((client) => client.closed));
    for (const { afterMs, received } of results) {
      expect(afterMs).toBeGreaterThanOrEqual(HEADER_TIMEOUT_MS);
      // Well under Node's own default (60 s, checked every 30 s), which applies without the preload.
      expect(afterMs).toBeLessThan(30_000);
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    }
    console.log(`[header-timeout] 20 slow clients dropped after ${Math.min(...results.map((r) => r.afterMs))}–${Math.max(...results.map((r) => r.afterMs))} ms (timeout ${HEADER_TIMEOUT_MS} ms)`);
  });

  it("leaves a client that sends its headers at once alone", async () => {
    const socket = connect(server.port, "127.0.0.1");
    let received = "";
    socket.on("data", (data) => (received += data.toString()));
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200/);
  });
});
