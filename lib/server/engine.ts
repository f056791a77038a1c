import "server-only";
import type { RunLimits } from "../engine/events";
import type { ModelPort } from "../engine/model-port";
import type { ClaudeRole } from "../llm/claude/config";
import { isPricedModel, loadPriceTable } from "../llm/claude/pricing";
import { claudeModels, createPort, resolveBackend, type PortConfig } from "../llm/select-port";
import { appendFileSync } from "node:fs";
import { databaseProvider } from "./db";
import { env } from "./env";
import { processSharedCallLimiter } from "./shared-call-limiter";

export type EngineInfo = {
  backend: "claude" | "offline" | "scripted";
  label: string;
  models?: { orchestrator: string; worker: string; synthesis: string };
};

function portConfig(): PortConfig {
  const e = env();
  return {
    backend: e.FOREMAN_BACKEND,
    ...(e.ANTHROPIC_API_KEY ? { apiKey: e.ANTHROPIC_API_KEY } : {}),
    ...(e.ANTHROPIC_BASE_URL ? { baseURL: e.ANTHROPIC_BASE_URL } : {}),
    models: { orchestrator: e.FOREMAN_ORCHESTRATOR_MODEL, worker: e.FOREMAN_WORKER_MODEL, synthesis: e.FOREMAN_SYNTHESIS_MODEL },
    offlineDelayMs: e.FOREMAN_OFFLINE_DELAY_MS,
    offlineStallWorkers: e.FOREMAN_OFFLINE_STALL_WORKERS,
    scriptedLatencyMs: e.FOREMAN_SCRIPTED_LATENCY_MS,
    scriptedLatencyTail: e.FOREMAN_SCRIPTED_LATENCY_TAIL,
    // Several worker processes on one PostgreSQL database share one call cap and every rate-limit pause.
    ...(databaseProvider() === "postgresql" ? { limiter: processSharedCallLimiter() } : {}),
    ...(e.FOREMAN_SCRIPTED_CALL_LOG ? { onScriptedCall: appendCallLog(e.FOREMAN_SCRIPTED_CALL_LOG) } : {}),
    scriptedStallTasks: e.FOREMAN_SCRIPTED_STALL_TASKS,
    claude: {
      maxTokens: roles(e.FOREMAN_ORCHESTRATOR_MAX_TOKENS, e.FOREMAN_WORKER_MAX_TOKENS, e.FOREMAN_SYNTHESIS_MAX_TOKENS),
      effort: roles(e.FOREMAN_ORCHESTRATOR_EFFORT, e.FOREMAN_WORKER_EFFORT, e.FOREMAN_SYNTHESIS_EFFORT),
      retryBudgetMs: e.FOREMAN_MODEL_RETRY_SECONDS * 1000,
      maxModelCalls: e.FOREMAN_MAX_MODEL_CALLS,
      ...(e.FOREMAN_PRICES_FILE ? { pricesFile: e.FOREMAN_PRICES_FILE } : {}),
    },
    scriptedTasks: e.FOREMAN_SCRIPTED_TASKS,
    scriptedDeltas: { count: e.FOREMAN_SCRIPTED_DELTAS, burst: e.FOREMAN_SCRIPTED_BURST },
  };
}

/** Per-role settings without the unset ones. */
function roles<T>(orchestrator: T | undefined, worker: T | undefined, synthesis: T | undefined): Partial<Record<ClaudeRole, T>> {
  return {
    ...(orchestrator !== undefined ? { orchestrator } : {}),
    ...(worker !== undefined ? { worker } : {}),
    ...(synthesis !== undefined ? { synthesis } : {}),
  };
}

/**
 * Appends each scripted model call as one JSON line (with this process's pid) to `file`: system
 * tests with several processes count calls per task there. One synchronous append per call keeps
 * lines whole and in order, and a SIGKILL loses no line already written.
 */
function appendCallLog(file: string) {
  return (call: object) => appendFileSync(/*turbopackIgnore: true*/ file, `${JSON.stringify({ ...call, pid: process.pid })}\n`);
}

export function getEngineInfo(): EngineInfo {
  const config = portConfig();
  const backend = resolveBackend(config);
  switch (backend) {
    case "claude": {
      const models = claudeModels(config);
      const prices = loadPriceTable(config.claude?.pricesFile);
      const unpriced = [...new Set(Object.values(models))].filter((m) => !isPricedModel(m, prices));
      // Unknown models are costed at the most expensive known price so budgets are never under-enforced.
      const note = unpriced.length > 0 ? ` · cost estimated (unknown model${unpriced.length > 1 ? "s" : ""} ${unpriced.join(", ")})` : "";
      return { backend, label: `Claude: ${models.orchestrator} plans and synthesises, ${models.worker} works${note}`, models };
    }
    case "offline":
      return { backend, label: "Offline engine: local text analysis, no model calls (set ANTHROPIC_API_KEY to use Claude)" };
    case "scripted":
      return { backend, label: "Scripted test backend" };
  }
}

export function createModelPort(): ModelPort {
  return createPort(portConfig());
}

export function defaultLimits(): RunLimits {
  const e = env();
  return {
    maxTasks: e.FOREMAN_MAX_TASKS,
    concurrency: e.FOREMAN_CONCURRENCY,
    taskTimeoutMs: e.FOREMAN_TASK_TIMEOUT_MS,
    maxAttempts: e.FOREMAN_MAX_ATTEMPTS,
    maxExtensions: e.FOREMAN_MAX_EXTENSIONS,
    ...(e.FOREMAN_MAX_TOKENS ? { maxTokens: e.FOREMAN_MAX_TOKENS } : {}),
    ...(e.FOREMAN_MAX_COST_USD ? { maxCostUsd: e.FOREMAN_MAX_COST_USD } : {}),
    ...(e.FOREMAN_MAX_WALL_SECONDS ? { maxWallMs: e.FOREMAN_MAX_WALL_SECONDS * 1000 } : {}),
  };
}
