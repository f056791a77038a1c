/**
 * npm run bench:cache — the prompt cache's worth on a whole analysis.
 *
 * Runs one analysis of a ~16k-token contract (five parallel workers, then the synthesis) through
 * the real Claude port and engine against the project's Messages mock, which models the cache as
 * the API documents it (a prefix is written by the first call and readable once that answer has
 * begun streaming; calls sent before that write again). Every call's prompt tokens are then priced
 * with the price table, with and without caching, and the script prints
 *   input cost vs no caching: X%   (lower is better; target ≤ 55%)
 * in token terms (each call at its own model's cache multipliers: 5-minute write 1.25×, read per
 * model), and the same in dollars at today's prices, where the Sonnet calls (plan, report) — which
 * share no prefix with anything — weigh twenty times more per token than the Haiku workers.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Document } from "../lib/documents/document";
import { createMemorySink } from "../lib/engine/event-stamp";
import type { Usage } from "../lib/engine/usage";
import { executeRun } from "../lib/engine/run-engine";
import { createClaudePort, createModelCallLimiter, ratesFor } from "../lib/llm/claude";
import { DEFAULT_MODELS } from "../lib/llm/claude/config";
import { REAL_CLOCK } from "../lib/llm/claude/process-limiter";
import { startMockAnthropic, type MockRequest } from "../tests/support/mock-anthropic";
import { defaultMockHandler, planFor } from "../tests/support/mock-anthropic-default";
import { jsonReply } from "../tests/support/mock-anthropic-replies";
import { documentText, userText } from "../tests/support/mock-anthropic-request";

const TARGET_TOKENS = 16_000;
const WORKERS = ["key-facts", "clause-analyzer", "contract-risk", "summarizer", "evidence-checker"];

function contractOf(tokens: number): Document {
  const base = readFileSync("tests/fixtures/contract.txt", "utf8");
  let text = "";
  for (let n = 1; text.length < tokens * 4; n++) text += `\n\nSchedule ${n}.\n${base}`;
  return { title: "Master services agreement", fileName: "msa.txt", mediaType: "text/plain", format: "text", text, pages: [], byteSize: text.length, sha256: createHash("sha256").update(text).digest("hex") };
}


async function main(): Promise<void> {
  const document = contractOf(TARGET_TOKENS);
  const usages: Array<{ kind: string; model: string; usage: Usage }> = [];
  const mock = await startMockAnthropic({
    handler: (request: MockRequest) => {
      if (request.kind === "plan") {
        const plan = planFor(documentText(request.body), userText(request.body)) as { tasks: Array<Record<string, unknown>> };
        const tasks = WORKERS.map((worker) => ({ id: worker, worker, description: `Run ${worker}.`, focus: "The whole contract.", dependsOn: [], priority: "high" }));
        return jsonReply({ ...plan, tasks }, { chunkSize: 64 });
      }
      const reply = defaultMockHandler(request);
      // Answers stream for a while, as real ones do: the others must not wait for the whole first answer.
      return reply instanceof Promise ? reply : reply.type === "message" ? { ...reply, delayMs: 2 } : reply;
    },
  });
  const port = createClaudePort({
    apiKey: "bench",
    baseURL: mock.url,
    models: { ...DEFAULT_MODELS },
    limiter: createModelCallLimiter({ maxCalls: 8, clock: REAL_CLOCK }),
  });
  const { sink, events } = createMemorySink({ runId: "bench-cache" });
  await executeRun(
    { document, request: "Review this contract for risks." },
    { port, sink, signal: new AbortController().signal, limits: { maxTasks: 8, concurrency: 5, taskTimeoutMs: 120_000, maxAttempts: 3 } },
  );
  await mock.close();
  const end = events.at(-1);
  if (end?.type !== "run-end") throw new Error(`the run did not succeed: ${JSON.stringify(end)}`);
  // Per-call usage as the engine recorded it from the API's answers.
  for (const e of events) {
    if (e.type === "plan-end") usages.push({ kind: "plan", model: DEFAULT_MODELS.orchestrator, usage: e.usage });
    if (e.type === "task-end") usages.push({ kind: "worker", model: DEFAULT_MODELS.worker, usage: e.output.usage });
    if (e.type === "synthesis-end") usages.push({ kind: "synthesis", model: DEFAULT_MODELS.synthesis, usage: e.usage });
  }

  let tokensCached = 0;
  let tokensPlain = 0;
  let dollarsCached = 0;
  let dollarsPlain = 0;
  console.log(`document: ~${Math.round(document.text.length / 4).toLocaleString("en")} tokens; ${WORKERS.length} parallel workers\n`);
  console.log("call       model               uncached   cache write   cache read");
  for (const { kind, model, usage } of usages) {
    const { inputTokens: plain, cacheCreationInputTokens: write, cacheReadInputTokens: read } = usage;
    const prompt = plain + write + read;
    const r = ratesFor(model, prompt);
    tokensCached += plain + write * (r.cacheWrite5m / r.input) + read * (r.cacheRead / r.input);
    tokensPlain += prompt;
    dollarsCached += (plain * r.input + write * r.cacheWrite5m + read * r.cacheRead) / 1e6;
    dollarsPlain += (prompt * r.input) / 1e6;
    console.log(`${kind.padEnd(10)} ${model.padEnd(18)} ${String(plain).padStart(9)} ${String(write).padStart(13)} ${String(read).padStart(12)}`);
  }
  const writes = usages.filter((u) => u.kind === "worker" && u.usage.cacheCreationInputTokens > 0).length;
  console.log(`\nworker calls that paid the cache write: ${writes} of ${usages.filter((u) => u.kind === "worker").length}`);
  console.log(`input cost vs no caching: ${((100 * tokensCached) / tokensPlain).toFixed(1)}%   (token-weighted; target ≤ 55%)`);
  // The choice for one-off calls: a breakpoint on the synthesis would cost 25% of its document
  // prefix on every run and save (1 − read multiplier) of it on each re-run within 5 minutes.
  const synthesis = usages.find((u) => u.kind === "synthesis");
  if (synthesis) {
    const r = ratesFor(synthesis.model, synthesis.usage.inputTokens);
    const extra = r.cacheWrite5m / r.input - 1;
    const saved = 1 - r.cacheRead / r.input;
    console.log(`a synthesis breakpoint would pay for itself only if ≥ ${Math.round((100 * extra) / saved)}% of runs were re-run within 5 minutes (write +${Math.round(extra * 100)}%, read saves ${Math.round(saved * 100)}%)`);
  }
  console.log(`input cost vs no caching in dollars at list prices: ${((100 * dollarsCached) / dollarsPlain).toFixed(1)}%   ($${dollarsCached.toFixed(4)} vs $${dollarsPlain.toFixed(4)})`);
}

await main();
