export { createClaudePort } from "./claude-port";
export {
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODELS,
  DEFAULT_ORCHESTRATOR_MODEL,
  DEFAULT_SYNTHESIS_MODEL,
  DEFAULT_WORKER_MODEL,
  ANTHROPIC_DEFAULT_BASE_URL,
  type ClaudeConfig,
  type ClaudeRole,
} from "./config";
export { estimateCostUsd, priceFor, type ModelPrice } from "./pricing";
