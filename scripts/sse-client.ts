import http from "node:http";
import type { RunEvent } from "../lib/engine/events";

/**
 * Clients of a running Foreman for scripts, benchmarks and tests: start a run over HTTP, follow its
 * event stream (Node has no EventSource), wait for a state.
 */

export type ReceivedEvent = { event: RunEvent; receivedAt: number };

/** Splits SSE text into frames; returns the frames and the unfinished rest. */
function takeFrames(buffer: string): { frames: string[]; rest: string } {
  const frames: string[] = [];
  let rest = buffer;
  let cut: number;
  while ((cut = rest.indexOf("\n\n")) !== -1) {
    frames.push(rest.slice(0, cut));
    rest = rest.slice(cut + 2);
  }
  return { frames, rest };
}

/** A frame's event, or "end" for the server's end frame, or undefined (comment, retry). */
function parseFrame(frame: string): RunEvent | "end" | undefined {
  if (frame.startsWith("event: end")) return "end";
  const data = frame.split("\n").find((l) => l.startsWith("data: "));
  return data ? (JSON.parse(data.slice(6)) as RunEvent) : undefined;
}

/**
 * Reads a run's SSE body (a web ReadableStream: in-process route tests) until the server's `end`
 * frame, the body's end, or `stopAfter` events — whichever comes first.
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
      const { frames, rest } = takeFrames(buffer + decoder.decode(value, { stream: true }));
      buffer = rest;
      for (const frame of frames) {
        const parsed = parseFrame(frame);
        if (parsed === "end") return { events, ended: true };
        if (!parsed) continue;
        const received = { event: parsed, receivedAt: Date.now() };
        events.push(received);
        options.onEvent?.(received);
      }
    }
    return { events, ended: false };
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/**
 * Follows one run's stream over HTTP from `after` until it ends, or until `signal` aborts (then it
 * resolves with what arrived). Uses node:http, not fetch, to hold the server to HTTP: after the
 * `end` frame it reads on to the end of the response, and rejects when the connection closes
 * before the chunked body's terminating chunk (`curl`: "transfer closed with outstanding read
 * data"), when the stream breaks off without an `end` frame, or on a status other than 200.
 */
export function followRun(options: {
  url: string;
  runId: string;
  after?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  onEvent?: (e: ReceivedEvent) => void;
}): Promise<{ events: ReceivedEvent[]; ended: boolean; connectedAt: number }> {
  return new Promise((resolve, reject) => {
    const events: ReceivedEvent[] = [];
    let connectedAt = Date.now();
    let ended = false;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve({ events, ended, connectedAt });
    };
    const onAbort = () => {
      request.destroy();
      finish();
    };
    const request = http.get(`${options.url}/api/runs/${options.runId}/events`, { headers: { "last-event-id": String(options.after ?? 0), ...options.headers } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        finish(new Error(`SSE ${res.statusCode ?? "?"} from ${options.url}`));
        return;
      }
      connectedAt = Date.now();
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        if (ended || settled) return;
        const { frames, rest } = takeFrames(buffer + chunk);
        buffer = rest;
        for (const frame of frames) {
          const parsed = parseFrame(frame);
          if (parsed === "end") ended = true;
          if (ended || parsed === undefined || parsed === "end") continue;
          const received = { event: parsed, receivedAt: Date.now() };
          events.push(received);
          options.onEvent?.(received);
          if (settled) return; // onEvent aborted
        }
      });
      res.on("end", () => (ended ? finish() : finish(new Error(`the event stream of run ${options.runId} ended without its end frame`))));
      // 'close' (or 'error') before 'end': the connection went away before the chunked body's terminating chunk.
      const cut = () => {
        if (options.signal?.aborted) return finish();
        finish(new Error(`${options.url} closed the event stream of run ${options.runId} without terminating the response${ended ? " (after its end frame)" : ""}`));
      };
      res.on("error", cut);
      res.on("close", () => {
        if (!res.complete) cut();
      });
    });
    request.on("error", (error) => finish(options.signal?.aborted ? undefined : error));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Starts a run on a Foreman server (POST /api/runs as a script: bearer `script`, no token set).
 * Resolves with its id; rejects with the status and body on anything but 201.
 */
export async function postRun(url: string, text: string, fields: Record<string, string> = {}): Promise<string> {
  const form = new FormData();
  form.set("text", text);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const res = await fetch(`${url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } });
  if (res.status !== 201) throw new Error(`POST ${url}/api/runs: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { runId: string }).runId;
}

/** Follows a run live until `until` holds for the events seen, then stops following; resolves with them. */
export async function watchUntil(url: string, runId: string, until: (seen: RunEvent[]) => boolean): Promise<RunEvent[]> {
  const controller = new AbortController();
  const seen: RunEvent[] = [];
  await followRun({ url, runId, signal: controller.signal, onEvent: ({ event }) => (seen.push(event), until(seen) && controller.abort()) });
  if (!until(seen)) throw new Error(`run ${runId} on ${url} ended before the awaited state (${seen.length} events seen)`);
  return seen;
}

/** Polls `check` every 100 ms until it holds; rejects naming `what` after `timeoutMs` (a safety net, not a timing assumption). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
