export { createClaudePort } from "./claude-port";
export {
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODELS,
  DEFAULT_ORCHESTRATOR_MODEL,
  DEFAULT_SYNTHESIS_MODEL,
  DEFAULT_WORKER_MODEL,
  ANTHROPIC_DEFAULT_BASE_URL,
  claudeSettingsFromEnv,
  type ClaudeConfig,
  type ClaudeRole,
  type ClaudeSettings,
} from "./config";
export { estimateCostUsd, isPricedModel, loadPriceTable, priceEntry, ratesFor, type PriceTable, type Rates } from "./pricing";
export { createModelCallLimiter, type ModelCallLimiter } from "./call-limiter";
export { processModelCallLimiter } from "./process-limiter";
