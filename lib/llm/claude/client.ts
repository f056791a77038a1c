import Anthropic from "@anthropic-ai/sdk";
import { ANTHROPIC_DEFAULT_BASE_URL, DEFAULT_REQUEST_TIMEOUT_MS, type ClaudeConfig } from "./config";

/**
 * One SDK client per port. `maxRetries: 0` because the engine's scheduler owns retries (with
 * backoff, `retry-after` and run-level events); SDK retries would hide them and multiply waits.
 * The base URL is always passed explicitly so the SDK never falls back to reading the environment.
 */
export function createAnthropicClient(config: ClaudeConfig): Anthropic {
  return new Anthropic({
    apiKey: config.apiKey,
    baseURL: config.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL,
    maxRetries: 0,
    timeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
}
