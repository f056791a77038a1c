/**
 * Configuration of the Claude backend. Everything is passed in (no `process.env` here): the
 * server's env module reads ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL and builds this object.
 */
export type ClaudeRole = "orchestrator" | "worker" | "synthesis";

export type ClaudeConfig = {
  apiKey: string;
  /** Any Messages-compatible server (e.g. a proxy or the test mock); defaults to the public API. */
  baseURL?: string;
  models: Record<ClaudeRole, string>;
  /** Output token ceilings per role; defaults in DEFAULT_MAX_TOKENS. */
  maxTokens?: Partial<Record<ClaudeRole, number>>;
  /**
   * Time allowed until the response headers arrive (the SDK's timeout does not cover the body of
   * a stream; the engine's per-task timeout and the signal bound the whole call).
   */
  requestTimeoutMs?: number;
  /** Custom fetch (tests, proxies). */
  fetch?: typeof fetch;
};

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";

/*
 * Model names as the SDK (1.14) lists them. claude-sonnet-4-5 is marked deprecated there (the SDK
 * warns on every call), so the orchestrator and synthesis default to claude-sonnet-4-6; workers run
 * often and in parallel, so they use the cheaper, faster Haiku.
 */
export const DEFAULT_ORCHESTRATOR_MODEL = "claude-sonnet-4-6";
export const DEFAULT_WORKER_MODEL = "claude-haiku-4-5";
export const DEFAULT_SYNTHESIS_MODEL = "claude-sonnet-4-6";

export const DEFAULT_MODELS: Readonly<Record<ClaudeRole, string>> = Object.freeze({
  orchestrator: DEFAULT_ORCHESTRATOR_MODEL,
  worker: DEFAULT_WORKER_MODEL,
  synthesis: DEFAULT_SYNTHESIS_MODEL,
});

/** A plan is small; workers and the report need room for quotes and Markdown. */
export const DEFAULT_MAX_TOKENS: Readonly<Record<ClaudeRole, number>> = Object.freeze({
  orchestrator: 4096,
  worker: 8192,
  synthesis: 8192,
});

export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

export function maxTokensFor(config: ClaudeConfig, role: ClaudeRole): number {
  return config.maxTokens?.[role] ?? DEFAULT_MAX_TOKENS[role];
}
