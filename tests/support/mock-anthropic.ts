import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPromptCache, promptTokens, type MockUsage } from "./mock-anthropic-cache";
import { defaultMockHandler } from "./mock-anthropic-default";
import { createRateLimits, type RateLimitWindow } from "./mock-anthropic-limits";
import { mockModel, modelRuleViolation, thinks } from "./mock-anthropic-models";
import { messageJson, render, sseFrames, type Rendered } from "./mock-anthropic-render";
import { classifyRequest, validateRequest, type MessagesBody, type RequestKind } from "./mock-anthropic-request";

export type { MockUsage } from "./mock-anthropic-cache";

/**
 * A local stand-in for the Anthropic Messages API (POST /v1/messages), speaking the wire format the
 * SDK expects: JSON replies, or SSE when `stream: true` (message_start … message_stop), API-shaped
 * errors, and the request checks that matter to Foreman (auth, citations + structured output → 400).
 * It keeps the current API's rules: per-model output/context limits and thinking/sampling rules
 * (mock-anthropic-models.ts), a thinking block first on adaptive models, `max_tokens` enforced by
 * cutting the answer, refusals with `stop_details`, rate-limit headers and 429 windows on an
 * injectable clock (mock-anthropic-limits.ts), prompt caching per prefix (mock-anthropic-cache.ts),
 * and `count_tokens` (or a 404 for servers without it).
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
      /** With `stopReason: "refusal"`: the API's structured explanation. */
      stopDetails?: { type: "refusal"; category: string | null; explanation: string | null };
      /** Thinking summary text (shown only when the request asks `display: "summarized"`). */
      thinking?: string;
      /** Tokens the hidden thinking costs (default 64); counted in output_tokens and against max_tokens. */
      thinkingTokens?: number;
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
  /** When it arrived, on the mock's clock (epoch ms). */
  at: number;
};
export type MockHandler = (request: MockRequest) => MockReply | Promise<MockReply>;

export type MockAnthropic = {
  url: string;
  port: number;
  /** Every POST received, in order (including rejected ones). */
  readonly requests: MockRequest[];
  /** Replies (or one-off handlers) used, in order, before the handler. */
  enqueue(...replies: Array<MockReply | MockHandler>): void;
  /** Replies for POST /v1/messages/count_tokens, used before counting (e.g. a 529). */
  enqueueCountTokens(...replies: Array<Extract<MockReply, { type: "error" }>>): void;
  /** Every Messages request for the model (all if none) gets 429 for `forMs` from the first one that hits the limit (mock clock). */
  rateLimit(options: { model?: string; forMs: number; kind?: RateLimitWindow["kind"]; retryAfterSeconds?: number }): void;
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
  /** The mock's clock (epoch ms) for rate-limit windows and cache lifetimes; default Date.now. */
  now?: () => number;
  /** false: the server has no count_tokens endpoint (404), like some Messages-compatible servers. */
  countTokens?: boolean;
};

export async function startMockAnthropic(options: MockOptions = {}): Promise<MockAnthropic> {
  const requests: MockRequest[] = [];
  const queue: Array<MockReply | MockHandler> = [];
  const countQueue: Array<Extract<MockReply, { type: "error" }>> = [];
  let handler: MockHandler = options.handler ?? defaultMockHandler;
  const now = options.now ?? Date.now;
  const cache = createPromptCache(now);
  const limits = createRateLimits(now);

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, { type: "error", status: 500, errorType: "api_error", message: String(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const raw = await readBody(req);
    if (req.method === "POST" && path === "/v1/messages/count_tokens" && options.countTokens !== false) {
      if (!apiKeyOf(req.headers)) return sendError(res, { type: "error", status: 401, errorType: "authentication_error", message: "invalid x-api-key" });
      const scripted = countQueue.shift();
      if (scripted) return sendError(res, scripted);
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
    const request: MockRequest = { index: requests.length, path, headers: req.headers, body, kind: classifyRequest(body), at: now() };
    requests.push(request);

    const key = apiKeyOf(req.headers);
    if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
      return sendError(res, { type: "error", status: 401, errorType: "authentication_error", message: "invalid x-api-key" });
    }
    const invalid = validateRequest(body, req.headers);
    if (invalid) return sendError(res, { type: "error", status: 400, errorType: "invalid_request_error", message: invalid });
    const valid = body as MessagesBody;
    const modelName = String(valid.model);
    const model = mockModel(modelName);
    if (!model) return sendError(res, { type: "error", status: 404, errorType: "not_found_error", message: `model: ${modelName}` });
    const violation = modelRuleViolation(valid, model, promptTokens(valid));
    if (violation) return sendError(res, { type: "error", status: 400, errorType: "invalid_request_error", message: violation });
    const rateHeaders = limits.headers(modelName);
    const limited = limits.active(modelName);
    if (limited) {
      return sendError(res, {
        type: "error",
        status: 429,
        errorType: "rate_limit_error",
        message: `This request would exceed your organization's rate limit of ${limited.kind} per minute.`,
        headers: rateHeaders,
      });
    }

    const next = queue.shift();
    const reply = typeof next === "function" ? await next(request) : (next ?? (await handler(request)));
    if (reply.type === "error") return sendError(res, { ...reply, headers: { ...rateHeaders, ...reply.headers } });
    const rendered = render(valid, reply, cache.lookup(valid), thinks(valid, model), messageId(request.index));
    if (valid.stream === true) return streamReply(req, res, rendered, rateHeaders);
    rendered.begin();
    sendJson(res, 200, messageJson(rendered), rateHeaders);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    enqueueCountTokens: (...replies) => void countQueue.push(...replies),
    rateLimit: (o) => limits.add({ ...(o.model ? { model: o.model } : {}), forMs: o.forMs, kind: o.kind ?? "input-tokens", retryAfterSeconds: o.retryAfterSeconds ?? 1 }),
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

async function streamReply(req: IncomingMessage, res: ServerResponse, r: Rendered, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": "req_mock_stream", ...headers });
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
    if (event === "message_start") r.begin(); // the answer has begun: its cache entry is readable now
  }
  res.end();
}
