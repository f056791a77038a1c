/**
 * Runs the mock Messages API for manual use or an e2e run:
 *   PORT=4010 npx tsx tests/support/mock-anthropic-server.ts
 *   ANTHROPIC_BASE_URL=http://127.0.0.1:4010 ANTHROPIC_API_KEY=test npm run dev
 */
import { startMockAnthropic } from "./mock-anthropic";

const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST ?? "127.0.0.1";
const mock = await startMockAnthropic({ port, host });
console.log(`mock Anthropic API listening on ${mock.url}`);

const stop = () => {
  void mock.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
