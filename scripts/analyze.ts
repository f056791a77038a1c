/**
 * npm run analyze -- <file> [--request "..."] [--json | --text] [--concurrency N] — runs Foreman's engine from the terminal;
 * npm run analyze -- runs | compare A B [--json] — reads the runs the server stored (USAGE in cli/args.ts).
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ingestDocument } from "../lib/documents/ingest";
import { ForemanError } from "../lib/engine/errors";
import { createMemorySink } from "../lib/engine/event-stamp";
import { applyEvent, initialRunState } from "../lib/engine/reduce-run";
import { DEFAULT_REQUEST } from "../lib/engine/plan";
import { continueRun, DEFAULT_LIMITS, executeRun } from "../lib/engine/run-engine";
import { createPort, type BackendChoice } from "../lib/llm/select-port";
import { parseArgs, USAGE, UsageError, type AnalyzeArgs, type CliArgs } from "./cli/args";
import { documentSummary } from "./cli/document-summary";
import { exitAfterDrain } from "./cli/exit-after-drain";
import { createProgress } from "./cli/progress";
import { renderComparison, renderRunList } from "./cli/render-comparison";
import { renderReport } from "./cli/render-report";
import { lineReader, reviewPlan } from "./cli/review";
import { compareStored, recentRuns, storeRun } from "./cli/stored-runs";


async function main(): Promise<number> {
  const args: CliArgs = parseArgs(process.argv.slice(2));
  switch (args.command) {
    case "analyze":
      return analyze(args);
    case "compare": {
      const comparison = await compareStored(args.a, args.b);
      process.stdout.write(`${args.json ? JSON.stringify(comparison) : renderComparison(comparison)}\n`);
      return 0;
    }
    case "runs": {
      const rows = await recentRuns(args.limit);
      process.stdout.write(`${args.json ? JSON.stringify(rows) : renderRunList(rows)}\n`);
      return 0;
    }
  }
}

async function analyze(args: AnalyzeArgs): Promise<number> {
  const bytes = await readFile(args.file).catch((error: NodeJS.ErrnoException) => {
    throw new ForemanError("invalid_input", error.code === "ENOENT" ? `No such file: ${args.file}` : `Cannot read ${args.file}: ${error.message}`);
  });
  const document = await ingestDocument({ bytes: new Uint8Array(bytes), fileName: path.basename(args.file) });
  if (args.text) {
    // Exactly the stored text (no trailing newline added to it), then the summary on its own line.
    process.stdout.write(`${document.text}\n${documentSummary(document)}\n`);
    return 0;
  }
  const port = createPort({
    backend: (process.env.FOREMAN_BACKEND as BackendChoice | undefined) ?? "auto",
    ...(process.env.ANTHROPIC_API_KEY ? { apiKey: process.env.ANTHROPIC_API_KEY } : {}),
    ...(process.env.ANTHROPIC_BASE_URL ? { baseURL: process.env.ANTHROPIC_BASE_URL } : {}),
    models: { orchestrator: process.env.FOREMAN_ORCHESTRATOR_MODEL, worker: process.env.FOREMAN_WORKER_MODEL, synthesis: process.env.FOREMAN_SYNTHESIS_MODEL },
  });

  // A saved run needs an id like the server's; an unsaved one is only ever "cli".
  const runId = args.save ? randomUUID() : "cli";
  let state = initialRunState(runId);
  const progress = !args.json && process.stderr.isTTY ? createProgress(process.stderr) : undefined;
  const { sink, events } = createMemorySink({
    runId,
    onEvent: (event) => {
      state = applyEvent(state, event);
      if (args.json) process.stdout.write(`${JSON.stringify(event)}\n`);
      else progress?.update(state, event);
    },
  });
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort("Canceled with Ctrl-C."));
  const request = args.request || DEFAULT_REQUEST;
  const engine = { port, sink, signal: controller.signal };
  await executeRun(
    { document, request, review: args.review },
    { ...engine, limits: { ...DEFAULT_LIMITS, ...(args.concurrency ? { concurrency: args.concurrency } : {}), ...(args.maxTasks ? { maxTasks: args.maxTasks } : {}) } },
  );
  // With --review the run stops after planning (and after extensions) until the user decides.
  const lines = args.review ? lineReader(process.stdin) : undefined;
  while (lines && state.status === "awaiting-approval") {
    const decision = await reviewPlan({ state: () => state, sink, out: process.stderr, lines });
    if (decision.kind === "abort") {
      await sink({ type: "run-cancel", reason: "The plan was discarded (cli)." });
      break;
    }
    await sink(decision.kind === "approve" ? { type: "plan-approve", by: "cli" } : { type: "plan-replan", note: decision.note, by: "cli" });
    await continueRun(state, { document, request }, engine);
  }
  if (!args.json) process.stdout.write(`${renderReport(state)}\n`);
  if (args.save) {
    const saved = await storeRun(document, events);
    process.stderr.write(`Saved as run ${saved}. Compare it with another: npm run analyze -- compare ${saved} <run id>\n`);
  }
  return state.status === "succeeded" || state.status === "partial" ? 0 : 1;
}

// A reader that closes the pipe early (`| head`) is not an error of the analysis.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main().then(
  (code) => exitAfterDrain(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`error: ${error.message}\n\n`);
      process.stderr.write(`${USAGE}\n`);
      return exitAfterDrain(error.message ? 2 : 0);
    }
    const message = error instanceof ForemanError ? `${error.message} (${error.code})` : String(error);
    process.stderr.write(`error: ${message}\n`);
    return exitAfterDrain(1);
  },
);
