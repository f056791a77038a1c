import type { ModelPort } from "../engine/model-port";
import { createClaudePort } from "./claude";
import { DEFAULT_MODELS } from "./claude/config";
import { createOfflinePort } from "./offline";
import { benchmarkPlan } from "./scripted/benchmark-plan";
import { createScriptedPort } from "./scripted/scripted-port";

export type BackendChoice = "auto" | "claude" | "offline" | "scripted";

export type PortConfig = {
  backend: BackendChoice;
  apiKey?: string;
  baseURL?: string;
  models?: { orchestrator?: string; worker?: string; synthesis?: string };
  offlineDelayMs?: number;
  scriptedLatencyMs?: number;
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

/** Builds the model port the configuration asks for; shared by the server and the CLI. */
export function createPort(config: PortConfig): ModelPort {
  const backend = resolveBackend(config);
  switch (backend) {
    case "claude":
      if (!config.apiKey) throw new Error("The Claude backend needs ANTHROPIC_API_KEY.");
      return createClaudePort({ apiKey: config.apiKey, models: claudeModels(config), ...(config.baseURL ? { baseURL: config.baseURL } : {}) });
    case "offline":
      return createOfflinePort({ delayMs: config.offlineDelayMs ?? 0 });
    case "scripted":
      return createScriptedPort({ plan: benchmarkPlan, latencyMs: () => config.scriptedLatencyMs ?? 0 });
  }
}
