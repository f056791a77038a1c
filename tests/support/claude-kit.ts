/**
 * What the Claude tests share: the models they name, the contract they analyse, one mock per test
 * file (requests cleared before each test), a port on a fresh limiter, and the port's inputs.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { findWorker, type WorkerSpec } from "@/lib/engine/catalogue";
import type { Document } from "@/lib/documents/document";
import type { WorkInput } from "@/lib/engine/model-port";
import { createClaudePort, createModelCallLimiter, type ClaudeConfig } from "@/lib/llm/claude";
import { REAL_CLOCK } from "@/lib/llm/claude/process-limiter";
import { makeDocument } from "./make-document";
import { startMockAnthropic, type MockAnthropic, type MockHandler, type MockOptions } from "./mock-anthropic";

/** Today's defaults, written out so a change of default does not silently change what a test asserts. */
export const TEST_MODELS = { orchestrator: "claude-sonnet-5-5", worker: "claude-haiku-5-5", synthesis: "claude-sonnet-5-5" };

/** tests/fixtures/contract.txt as an ingested document. */
export const contractDocument = () => makeDocument(readFileSync("tests/fixtures/contract.txt", "utf8"), { fileName: "contract.txt" });

/**
 * Starts one Messages mock for the test file and clears its request log before each test (and
 * resets its handler to `handler` when given). Returns a getter: the mock exists only once
 * `beforeAll` has run.
 */
export function withMockAnthropic(options: MockOptions = {}, handler?: MockHandler): () => MockAnthropic {
  let mock: MockAnthropic | undefined;
  beforeAll(async () => {
    mock = await startMockAnthropic(options);
  });
  afterAll(() => mock?.close());
  beforeEach(() => {
    if (!mock) return;
    mock.requests.length = 0;
    if (handler) mock.setHandler(handler);
  });
  return () => {
    if (!mock) throw new Error("withMockAnthropic: the mock starts in beforeAll");
    return mock;
  };
}

/** A Claude port on `mock` with its own limiter (8 calls, real clock), so no pause carries over between tests. */
export const testClaudePort = (mock: MockAnthropic, over: Partial<ClaudeConfig> = {}) =>
  createClaudePort({ apiKey: "k", baseURL: mock.url, models: TEST_MODELS, limiter: createModelCallLimiter({ maxCalls: 8, clock: REAL_CLOCK }), ...over });

/** A work call for one key-facts task on `document`; `over` replaces any field. */
export const keyFactsWorkInput = (document: Document, over: Partial<WorkInput> = {}): WorkInput => ({
  task: { id: "facts", worker: "key-facts", description: "List facts", focus: "", dependsOn: [], priority: "high" },
  worker: findWorker("key-facts") as WorkerSpec,
  document,
  request: "Summarise",
  dependencies: [],
  attempt: 1,
  signal: new AbortController().signal,
  onDelta: () => {},
  ...over,
});
