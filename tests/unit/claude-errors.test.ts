import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/engine/catalogue";
import { ForemanError, type ErrorCode } from "@/lib/engine/errors";
import type { ModelPort, PlanInput, WorkInput } from "@/lib/engine/model-port";
import { createClaudePort, createModelCallLimiter } from "@/lib/llm/claude";
import { REAL_CLOCK } from "@/lib/llm/claude/process-limiter";
import { rateLimitWaitMs, retryAfterMsFrom } from "@/lib/llm/claude/errors";
import { resolveSpan } from "@/lib/llm/claude/call-synthesize";
import { keyFactsWorkInput, TEST_MODELS } from "../support/claude-kit";
import { makeDocument } from "../support/make-document";
import { startMockAnthropic, type MockAnthropic } from "../support/mock-anthropic";
import { jsonReply, overloaded, rateLimited, serverError, textReply } from "../support/mock-anthropic-replies";

const document = makeDocument("Supplier shall deliver the goods. Payment is due in 30 days. Liability is unlimited.");
/** No retry budget: the first 429/529 is final, so the mapping itself is visible (claude-rate-limits.test.ts covers retries). */
const config = (baseURL: string, apiKey = "k") => ({ apiKey, baseURL, models: TEST_MODELS, retryBudgetMs: 0, limiter: createModelCallLimiter({ maxCalls: 8, clock: REAL_CLOCK }) });

let mock: MockAnthropic;
let port: ModelPort;
beforeAll(async () => {
  mock = await startMockAnthropic();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.requests.length = 0;
  port = createClaudePort(config(mock.url)); // a fresh limiter: no pause carried over from another test
});

const planInput = (over: Partial<PlanInput> = {}): PlanInput => ({
  document,
  request: "Summarise",
  catalogue: CATALOGUE,
  maxTasks: 4,
  signal: new AbortController().signal,
  onDelta: () => {},
  ...over,
});
const workInput = (over: Partial<WorkInput> = {}) => keyFactsWorkInput(document, over);

async function failure(promise: Promise<unknown>): Promise<ForemanError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForemanError);
  return error as ForemanError;
}
const expectCode = (e: ForemanError, code: ErrorCode, retryable: boolean) => {
  expect(e.code).toBe(code);
  expect(e.retryable).toBe(retryable);
};

describe("Claude backend error mapping", () => {
  it("429 → model_rate_limited, final (not retryable) once the retry budget is spent; the SDK does not retry by itself", async () => {
    mock.enqueue(rateLimited(7));
    const e = await failure(port.work(workInput()));
    expectCode(e, "model_rate_limited", false);
    expect(e.message).toContain("giving up");
    expect((e.cause as ForemanError).retryAfterMs).toBe(7000);
    expect(mock.requests).toHaveLength(1);
  });

  it("529 → model_overloaded; 500 → model_server_error (one request each)", async () => {
    mock.enqueue(overloaded());
    expectCode(await failure(port.plan(planInput())), "model_overloaded", false);
    mock.enqueue(serverError());
    expectCode(await failure(port.work(workInput())), "model_server_error", true);
    expect(mock.requests).toHaveLength(2);
  });

  it("a stream cut mid-way → model_stream_dropped, after the deltas that did arrive", async () => {
    mock.enqueue(jsonReply({ status: "success", result: "a fairly long result text", findings: [], errors: [] }, { chunkSize: 4, cutAfterFrames: 14 }));
    const deltas: string[] = [];
    const e = await failure(port.work(workInput({ onDelta: (t) => deltas.push(t) })));
    expectCode(e, "model_stream_dropped", true);
    expect(deltas.join("").length).toBeGreaterThan(0);
  });

  it("a body that ends cleanly before message_stop → model_stream_dropped", async () => {
    mock.enqueue(jsonReply({ status: "success", result: "r", findings: [], errors: [] }, { endAfterFrames: 5 }));
    expectCode(await failure(port.work(workInput())), "model_stream_dropped", true);
  });

  it("an `event: error` inside the stream → model_stream_dropped", async () => {
    mock.enqueue(textReply("partial", { errorAfterFrames: { frames: 3, errorType: "overloaded_error", message: "Overloaded" } }));
    const e = await failure(port.synthesize({ document, request: "r", plan: { analysis: "", mode: "orchestrate", tasks: [] }, tasks: [], signal: new AbortController().signal, onDelta: () => {} }));
    expectCode(e, "model_stream_dropped", true);
    expect(e.message).toContain("Overloaded");
  });

  it("the API (mock) refuses citations combined with structured output with a 400, mapped to model_bad_request", async () => {
    const body = {
      model: "claude-haiku-5-5",
      max_tokens: 10,
      output_config: { format: { type: "json_schema", schema: { type: "object", properties: {} } } },
      messages: [{ role: "user", content: [{ type: "document", source: { type: "text", media_type: "text/plain", data: "x" }, citations: { enabled: true } }] }],
    };
    const res = await fetch(`${mock.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(json.error.type).toBe("invalid_request_error");

    mock.enqueue({ type: "error", status: 400, errorType: "invalid_request_error", message: "max_tokens: too large" });
    const e = await failure(port.work(workInput()));
    expectCode(e, "model_bad_request", false);
    expect(e.message).toContain("max_tokens: too large");
  });

  it("a plan that is not JSON → plan_malformed (not retryable)", async () => {
    mock.enqueue(textReply('{"analysis": "not closed'));
    const e = await failure(port.plan(planInput()));
    expectCode(e, "plan_malformed", false);
  });

  it("a worker reply that breaks the schema → model_output_invalid with the issues", async () => {
    mock.enqueue(jsonReply({ status: "done", result: 3, findings: [], errors: [] }));
    const e = await failure(port.work(workInput()));
    expectCode(e, "model_output_invalid", false);
    expect(e.details.join(" ")).toMatch(/status|result/);
  });

  it("a wrong key → model_auth", async () => {
    const strict = await startMockAnthropic({ apiKey: "right" });
    const wrong = createClaudePort(config(strict.url, "wrong"));
    expectCode(await failure(wrong.plan(planInput())), "model_auth", false);
    await strict.close();
  });

  it("an unreachable server → model_timeout (retryable)", async () => {
    // A port we hold, resetting every connection as a closed port refuses it: closing a server and
    // then calling its old port could race with whatever takes that port meanwhile.
    const refusing = createServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      const address = refusing.address();
      if (typeof address !== "object" || !address) throw new Error("no port");
      const p = createClaudePort(config(`http://127.0.0.1:${address.port}`));
      expectCode(await failure(p.work(workInput())), "model_timeout", true);
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  it("abort mid-stream → ForemanError aborted; the signal's own ForemanError reason wins", async () => {
    mock.enqueue(jsonReply({ status: "success", result: "x".repeat(200), findings: [], errors: [] }, { chunkSize: 5, delayMs: 5 }));
    const controller = new AbortController();
    const first = await failure(port.work(workInput({ signal: controller.signal, onDelta: () => controller.abort() })));
    expectCode(first, "aborted", false);

    mock.enqueue(jsonReply({ status: "success", result: "y".repeat(200), findings: [], errors: [] }, { chunkSize: 5, delayMs: 5 }));
    const timed = new AbortController();
    const reason = new ForemanError("task_timeout", "Task took too long");
    setTimeout(() => timed.abort(reason), 30);
    expect(await failure(port.work(workInput({ signal: timed.signal })))).toBe(reason);
  });

  it("an already-aborted signal sends nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    expectCode(await failure(port.plan(planInput({ signal: controller.signal }))), "aborted", false);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("Claude helpers", () => {
  it("parses retry-after as seconds, HTTP date or retry-after-ms", () => {
    expect(retryAfterMsFrom(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMsFrom(new Headers({ "retry-after-ms": "150", "retry-after": "2" }))).toBe(150);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMsFrom(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), () => now)).toBe(5000);
    expect(retryAfterMsFrom(new Headers({}))).toBeUndefined();
  });

  it("waits for the reset of every exhausted rate limit, never less than retry-after", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const headers = new Headers({
      "retry-after": "1",
      "anthropic-ratelimit-input-tokens-remaining": "0",
      "anthropic-ratelimit-input-tokens-reset": "2026-01-01T00:00:15Z",
      "anthropic-ratelimit-requests-remaining": "120",
      "anthropic-ratelimit-requests-reset": "2026-01-01T00:00:40Z",
    });
    expect(rateLimitWaitMs(headers, () => now)).toBe(15_000); // the requests limit is not exhausted: its reset does not count
    expect(rateLimitWaitMs(new Headers({ "retry-after": "3" }), () => now)).toBe(3_000);
    expect(rateLimitWaitMs(new Headers({}), () => now)).toBeUndefined();
  });

  it("maps code-point citation offsets onto UTF-16 offsets when they differ", () => {
    const text = "😀 Fee: 10 EUR.";
    expect(resolveSpan(text, 3, 7, "Fee:")).toEqual({ start: 3, end: 7 });
    expect(resolveSpan(text, 2, 6, "Fee:")).toEqual({ start: 3, end: 7 });
  });
});
