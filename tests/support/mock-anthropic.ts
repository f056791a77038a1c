import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultMockHandler } from "./mock-anthropic-default";
import { createUsageSimulator, type MockUsage } from "./mock-anthropic-usage";
import { classifyRequest, validateRequest, type MessagesBody, type RequestKind } from "./mock-anthropic-request";

/**
 * A local stand-in for the Anthropic Messages API (POST /v1/messages), speaking the wire format the
 * SDK expects: JSON replies, or SSE when `stream: true` (message_start … message_stop), API-shaped
 * errors, and the request checks that matter to Foreman (auth, citations + structured output → 400).
 * Tests script replies per call (queue or handler); every request is recorded for assertions.
 * Also used by the e2e run (ANTHROPIC_BASE_URL) through `mock-anthropic-server.ts`.
 */

export type MockCitation = {
  type: "char_location";
  cited_text: string;
  document_index: number;
  document_title: string | null;
  start_char_index: number;
  end_char_index: number;
};
export type MockTextBlock = { type: "text"; text: string; citations?: MockCitation[] };

export type MockReply =
  | {
      type: "message";
      content: MockTextBlock[];
      stopReason?: "end_turn" | "max_tokens" | "refusal" | "stop_sequence";
      /** Overrides the simulated token counts. */
      usage?: Partial<MockUsage>;
      /** SSE: characters per text_delta (default 24). */
      chunkSize?: number;
      /** SSE: pause before each frame, in ms. */
      delayMs?: number;
      /** SSE: destroy the socket after this many frames (a dropped connection). */
      cutAfterFrames?: number;
      /** SSE: end the body cleanly after this many frames, before message_stop (a truncated stream). */
      endAfterFrames?: number;
      /** SSE: send an `event: error` frame after this many frames, then end the body. */
      errorAfterFrames?: { frames: number; errorType: string; message: string };
    }
  | { type: "error"; status: number; errorType: string; message: string; headers?: Record<string, string> };

export type MockRequest = {
  index: number;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined if it was not JSON). */
  body: MessagesBody | undefined;
  kind: RequestKind;
};
export type MockHandler = (request: MockRequest) => MockReply | Promise<MockReply>;

export type MockAnthropic = {
  url: string;
  port: number;
  /** Every POST received, in order (including rejected ones). */
  readonly requests: MockRequest[];
  /** Replies (or one-off handlers) used, in order, before the handler. */
  enqueue(...replies: Array<MockReply | MockHandler>): void;
  setHandler(handler: MockHandler): void;
  close(): Promise<void>;
};

export type MockOptions = {
  port?: number;
  host?: string;
  /** Decides replies when the queue is empty; defaults to `defaultMockHandler` (a whole run completes). */
  handler?: MockHandler;
  /** If set, the only accepted key; otherwise any non-empty key is accepted. */
  apiKey?: string;
};

export async function startMockAnthropic(options: MockOptions = {}): Promise<MockAnthropic> {
  const requests: MockRequest[] = [];
  const queue: Array<MockReply | MockHandler> = [];
  let handler: MockHandler = options.handler ?? defaultMockHandler;
  const simulateUsage = createUsageSimulator();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, { type: "error", status: 500, errorType: "api_error", message: String(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const raw = await readBody(req);
    if (req.method === "POST" && path === "/v1/messages/count_tokens") {
      if (!apiKeyOf(req.headers)) return sendError(res, { type: "error", status: 401, errorType: "authentication_error", message: "invalid x-api-key" });
      // Roughly four characters per token, like English text.
      return sendJson(res, 200, { input_tokens: Math.ceil(raw.length / 4) });
    }
    if (req.method !== "POST" || path !== "/v1/messages") {
      return sendError(res, { type: "error", status: 404, errorType: "not_found_error", message: `No route ${req.method} ${path}` });
    }
    let body: MessagesBody | undefined;
    try {
      body = JSON.parse(raw) as MessagesBody;
    } catch {
      body = undefined;
    }
    const request: MockRequest = { index: requests.length, path, headers: req.headers, body, kind: classifyRequest(body) };
    requests.push(request);

    const key = apiKeyOf(req.headers);
    if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
      return sendError(res, { type: "error", status: 401, errorType: "authentication_error", message: "invalid x-api-key" });
    }
    const invalid = validateRequest(body, req.headers);
    if (invalid) return sendError(res, { type: "error", status: 400, errorType: "invalid_request_error", message: invalid });

    const next = queue.shift();
    const reply = typeof next === "function" ? await next(request) : (next ?? (await handler(request)));
    if (reply.type === "error") return sendError(res, reply);
    const usage = simulateUsage(body as MessagesBody, reply);
    const rendered = { body: body as MessagesBody, reply, usage, id: messageId(request.index) };
    if (body?.stream === true) return streamReply(req, res, rendered);
    sendJson(res, 200, messageJson(rendered));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setHandler: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const xKey = headers["x-api-key"];
  if (typeof xKey === "string" && xKey) return xKey;
  const auth = headers.authorization;
  return auth?.startsWith("Bearer ") ? auth.slice(7) || undefined : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const messageId = (n: number) => `msg_mock_${String(n).padStart(6, "0")}`;

function sendJson(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": `req_mock_${Date.now()}`, ...headers });
  res.end(JSON.stringify(json));
}

function sendError(res: ServerResponse, reply: Extract<MockReply, { type: "error" }>): void {
  const body = { type: "error", error: { type: reply.errorType, message: reply.message }, request_id: "req_mock_error" };
  sendJson(res, reply.status, body, reply.headers);
}

type Rendered = { body: MessagesBody; reply: Extract<MockReply, { type: "message" }>; usage: MockUsage };

function messageJson(r: Rendered & { id: string }): unknown {
  return {
    id: r.id,
    type: "message",
    role: "assistant",
    model: r.body.model,
    content: r.reply.content.map((b) => ({ type: "text", text: b.text, citations: b.citations ?? null })),
    stop_reason: r.reply.stopReason ?? "end_turn",
    stop_sequence: null,
    usage: r.usage,
  };
}

/** The SSE event sequence of a streamed Messages reply, as the API sends it. */
function sseFrames(r: Rendered & { id: string }): Array<[event: string, data: unknown]> {
  const frames: Array<[string, unknown]> = [];
  const start = { ...(messageJson(r) as Record<string, unknown>), content: [], stop_reason: null, usage: { ...r.usage, output_tokens: 1 } };
  frames.push(["message_start", { type: "message_start", message: start }], ["ping", { type: "ping" }]);
  const size = Math.max(1, r.reply.chunkSize ?? 24);
  r.reply.content.forEach((block, index) => {
    const cited = block.citations !== undefined;
    const contentBlock = { type: "text", text: "", ...(cited ? { citations: [] } : {}) };
    frames.push(["content_block_start", { type: "content_block_start", index, content_block: contentBlock }]);
    for (let i = 0; i < block.text.length; i += size) {
      const text = block.text.slice(i, i + size);
      frames.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text } }]);
    }
    for (const citation of block.citations ?? []) {
      frames.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "citations_delta", citation } }]);
    }
    frames.push(["content_block_stop", { type: "content_block_stop", index }]);
  });
  const delta = { stop_reason: r.reply.stopReason ?? "end_turn", stop_sequence: null };
  frames.push(["message_delta", { type: "message_delta", delta, usage: { output_tokens: r.usage.output_tokens } }]);
  frames.push(["message_stop", { type: "message_stop" }]);
  return frames;
}

async function streamReply(req: IncomingMessage, res: ServerResponse, r: Rendered & { id: string }): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": "req_mock_stream" });
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const frames = sseFrames(r);
  for (let i = 0; i < frames.length; i++) {
    if (r.reply.cutAfterFrames !== undefined && i >= r.reply.cutAfterFrames) {
      req.socket.destroy(); // no terminating chunk: the client sees a broken connection
      return;
    }
    if (r.reply.endAfterFrames !== undefined && i >= r.reply.endAfterFrames) break;
    const fail = r.reply.errorAfterFrames;
    if (fail && i >= fail.frames) {
      const error = { type: "error", error: { type: fail.errorType, message: fail.message } };
      res.end(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
      return;
    }
    if (r.reply.delayMs) await new Promise((resolve) => setTimeout(resolve, r.reply.delayMs));
    if (closed) return;
    const [event, data] = frames[i] as [string, unknown];
    // Wait for each frame to be flushed, so a later cut loses only the frames after it.
    await new Promise<void>((resolve) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, () => resolve()));
  }
  res.end();
}
