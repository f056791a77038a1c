/**
 * Runs the mock Messages API for manual use or an e2e run:
 *   PORT=4010 npx tsx tests/support/mock-anthropic-server.ts
 *   ANTHROPIC_BASE_URL=http://127.0.0.1:4010 ANTHROPIC_API_KEY=test npm run dev
 * MOCK_RATE_LIMIT_SECONDS=20 (optionally MOCK_RATE_LIMIT_MODEL=claude-haiku-5-5) answers 429 for
 * that long from the first request, to watch "waiting for rate limit" on the nodes.
 * MOCK_FRAME_DELAY_MS=20 slows every streamed frame.
 */
import { startMockAnthropic } from "./mock-anthropic";
import { defaultMockHandler } from "./mock-anthropic-default";

const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST ?? "127.0.0.1";
const frameDelay = Number(process.env.MOCK_FRAME_DELAY_MS ?? 0);
const mock = await startMockAnthropic({
  port,
  host,
  handler: async (request) => {
    const reply = await defaultMockHandler(request);
    return reply.type === "message" && frameDelay > 0 ? { ...reply, delayMs: frameDelay } : reply;
  },
});
const limitSeconds = Number(process.env.MOCK_RATE_LIMIT_SECONDS ?? 0);
if (limitSeconds > 0) {
  mock.rateLimit({ forMs: limitSeconds * 1000, retryAfterSeconds: 1, ...(process.env.MOCK_RATE_LIMIT_MODEL ? { model: process.env.MOCK_RATE_LIMIT_MODEL } : {}) });
}
console.log(`mock Anthropic API listening on ${mock.url}`);

const stop = () => {
  void mock.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
