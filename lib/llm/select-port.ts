import type { ModelPort, PlanInput } from "../engine/model-port";
import { createClaudePort, loadPriceTable, processModelCallLimiter, type ModelCallLimiter } from "./claude";
import { claudeSettingsFromEnv, DEFAULT_MODELS, type ClaudeSettings } from "./claude/config";
import { createOfflinePort } from "./offline";
import { benchmarkPlan } from "./scripted/benchmark-plan";
import { createScriptedPort, type ScriptedOptions } from "./scripted/scripted-port";

export type BackendChoice = "auto" | "claude" | "offline" | "scripted";

export type PortConfig = {
  backend: BackendChoice;
  apiKey?: string;
  baseURL?: string;
  models?: { orchestrator?: string; worker?: string; synthesis?: string };
  offlineDelayMs?: number;
  /** Offline engine: workers whose first attempt waits until aborted (end-to-end tests). */
  offlineStallWorkers?: readonly string[];
  scriptedLatencyMs?: number;
  /** Scripted backend: task ids whose first attempt waits until aborted (crash tests). */
  scriptedStallTasks?: readonly string[];
  /** Effort, max_tokens, retry budget, call cap, prices file; read from the environment when absent. */
  claude?: ClaudeSettings;
  /** Scripted backend: long-tailed latency around scriptedLatencyMs (benchmarks), instead of a fixed one. */
  scriptedLatencyTail?: boolean;
  /** The model-call limiter; the process-wide one when absent (the server passes a cross-process one on PostgreSQL). */
  limiter?: ModelCallLimiter;
  /** Sees every call of the scripted backend (system tests log them across processes). */
  onScriptedCall?: ScriptedOptions["record"];
  /** Largest plan the scripted backend makes (capped by the run's maxTasks). */
  scriptedTasks?: number;
  /** Deltas per scripted task and how many arrive at once. */
  scriptedDeltas?: { count: number; burst: number };
};

/** "auto" means Claude when an API key is set, the offline engine otherwise. */
export function resolveBackend(config: Pick<PortConfig, "backend" | "apiKey">): Exclude<BackendChoice, "auto"> {
  if (config.backend !== "auto") return config.backend;
  return config.apiKey ? "claude" : "offline";
}

export function claudeModels(config: PortConfig) {
  return {
    orchestrator: config.models?.orchestrator ?? DEFAULT_MODELS.orchestrator,
    worker: config.models?.worker ?? DEFAULT_MODELS.worker,
    synthesis: config.models?.synthesis ?? DEFAULT_MODELS.synthesis,
  };
}

/**
 * The scripted backend's latency per call: fixed, or long-tailed — base × (0.5 + an exponential
 * draw with mean 1), capped at 8× base: median ≈ 1.2×, p95 ≈ 3.5× base, mean 1.5×.
 */
function sampledLatency(config: PortConfig): number {
  const base = config.scriptedLatencyMs ?? 0;
  if (!config.scriptedLatencyTail) return base;
  return Math.round(base * Math.min(8, 0.5 - Math.log(1 - Math.random())));
}

/** Builds the model port the configuration asks for; shared by the server and the CLI. */
export function createPort(config: PortConfig): ModelPort {
  const backend = resolveBackend(config);
  switch (backend) {
    case "claude": {
      if (!config.apiKey) throw new Error("The Claude backend needs ANTHROPIC_API_KEY.");
      const settings = config.claude ?? claudeSettingsFromEnv(process.env);
      return createClaudePort({
        apiKey: config.apiKey,
        models: claudeModels(config),
        ...(config.baseURL ? { baseURL: config.baseURL } : {}),
        maxTokens: settings.maxTokens,
        effort: settings.effort,
        retryBudgetMs: settings.retryBudgetMs,
        // One limiter for the whole process (or, given, one shared by several processes): every
        // run's calls share the cap and the pauses.
        limiter: config.limiter ?? processModelCallLimiter(settings.maxModelCalls),
        prices: loadPriceTable(settings.pricesFile),
      });
    }
    case "offline":
      return createOfflinePort({ delayMs: config.offlineDelayMs ?? 0, ...(config.offlineStallWorkers ? { stallWorkers: config.offlineStallWorkers } : {}) });
    case "scripted":
      return createScriptedPort({
        plan: (input: PlanInput) => benchmarkPlan(input, config.scriptedTasks),
        latencyMs: scriptedLatency(config),
        ...(config.scriptedDeltas ? { deltas: config.scriptedDeltas } : {}),
        ...(config.onScriptedCall ? { record: config.onScriptedCall } : {}),
      });
  }
}

/** Per-attempt latency of the scripted backend: stalled tasks' first attempts wait until aborted. */
function scriptedLatency(config: PortConfig): (task: { id: string }, attempt: number) => number {
  const stalled = new Set(config.scriptedStallTasks ?? []);
  return (task, attempt) => (attempt === 1 && stalled.has(task.id) ? Number.POSITIVE_INFINITY : sampledLatency(config));
}
