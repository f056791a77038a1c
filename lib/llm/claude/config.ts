import { z } from "zod";
import type { ModelCallLimiter } from "./call-limiter";
import type { PriceTable } from "./price-table";

/**
 * Configuration of the Claude backend. `createClaudePort` takes it whole; `claudeSettingsFromEnv`
 * reads the FOREMAN_* variables that tune it (README, "Claude settings").
 */
export type ClaudeRole = "orchestrator" | "worker" | "synthesis";

/** `output_config.effort` values the SDK (1.14) accepts. */
export const EFFORTS = ["low", "medium", "high", "xhigh", "max"] as const;
export type Effort = (typeof EFFORTS)[number];

/** Time, injectable so tests can run a 15-second rate limit without waiting 15 seconds. */
export type Clock = {
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
};

export type ClaudeConfig = {
  apiKey: string;
  /** Any Messages-compatible server (e.g. a proxy or the test mock); defaults to the public API. */
  baseURL?: string;
  models: Record<ClaudeRole, string>;
  /** Output token ceilings per role; defaults in DEFAULT_MAX_TOKENS. */
  maxTokens?: Partial<Record<ClaudeRole, number>>;
  /** `output_config.effort` per role for models that take it; absent = the model's default. */
  effort?: Partial<Record<ClaudeRole, Effort>>;
  /** How long one call may keep retrying 429/529 answers, in ms (default 2 minutes). */
  retryBudgetMs?: number;
  /** Shared by every port of the process (default: the process-wide limiter). */
  limiter?: ModelCallLimiter;
  /** Prices for cost estimates (default: the built-in table). */
  prices?: PriceTable;
  clock?: Clock;
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
 * The current generation (models.ts has the sources): Sonnet 5.5 plans and writes the report,
 * Haiku 5.5 — fast, cheap, same 1M context — does the many parallel worker calls.
 */
export const DEFAULT_ORCHESTRATOR_MODEL = "claude-sonnet-5-5";
export const DEFAULT_WORKER_MODEL = "claude-haiku-5-5";
export const DEFAULT_SYNTHESIS_MODEL = "claude-sonnet-5-5";

export const DEFAULT_MODELS: Readonly<Record<ClaudeRole, string>> = Object.freeze({
  orchestrator: DEFAULT_ORCHESTRATOR_MODEL,
  worker: DEFAULT_WORKER_MODEL,
  synthesis: DEFAULT_SYNTHESIS_MODEL,
});

/**
 * `max_tokens` covers thinking and answer together. The orchestrator thinks adaptively before a
 * small plan, so it gets room for both; workers and the report need room for quotes and Markdown.
 * A structured answer cut at its limit is retried once with twice the room (engine).
 */
export const DEFAULT_MAX_TOKENS: Readonly<Record<ClaudeRole, number>> = Object.freeze({
  orchestrator: 16_000,
  worker: 8_192,
  synthesis: 12_000,
});

/** Planning is the one step where deliberate thought pays: medium keeps latency in check. */
export const DEFAULT_EFFORT: Readonly<Partial<Record<ClaudeRole, Effort>>> = Object.freeze({ orchestrator: "medium" });

export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
export const DEFAULT_RETRY_BUDGET_MS = 120_000;
export const DEFAULT_MAX_MODEL_CALLS = 8;

export function maxTokensFor(config: ClaudeConfig, role: ClaudeRole): number {
  return config.maxTokens?.[role] ?? DEFAULT_MAX_TOKENS[role];
}

export function effortFor(config: ClaudeConfig, role: ClaudeRole): Effort | undefined {
  return config.effort?.[role] ?? DEFAULT_EFFORT[role];
}

const positiveInt = z.coerce.number().int().positive().optional();
const effort = z.enum(EFFORTS).optional();

/** The Claude variables; each is documented in the README. */
const claudeEnvSchema = z.object({
  FOREMAN_ORCHESTRATOR_MAX_TOKENS: positiveInt,
  FOREMAN_WORKER_MAX_TOKENS: positiveInt,
  FOREMAN_SYNTHESIS_MAX_TOKENS: positiveInt,
  FOREMAN_ORCHESTRATOR_EFFORT: effort,
  FOREMAN_WORKER_EFFORT: effort,
  FOREMAN_SYNTHESIS_EFFORT: effort,
  FOREMAN_MODEL_RETRY_SECONDS: positiveInt,
  FOREMAN_MAX_MODEL_CALLS: positiveInt,
  FOREMAN_PRICES_FILE: z.string().min(1).optional(),
});

export type ClaudeSettings = {
  maxTokens: Partial<Record<ClaudeRole, number>>;
  effort: Partial<Record<ClaudeRole, Effort>>;
  retryBudgetMs: number;
  maxModelCalls: number;
  pricesFile?: string;
};

/** Parses the Claude variables of `env`; throws an Error naming every bad one. */
export function claudeSettingsFromEnv(env: Record<string, string | undefined>): ClaudeSettings {
  const parsed = claudeEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  const pick = <T>(o: T | undefined, p: T | undefined, s: T | undefined) => ({
    ...(o !== undefined ? { orchestrator: o } : {}),
    ...(p !== undefined ? { worker: p } : {}),
    ...(s !== undefined ? { synthesis: s } : {}),
  });
  return {
    maxTokens: pick(e.FOREMAN_ORCHESTRATOR_MAX_TOKENS, e.FOREMAN_WORKER_MAX_TOKENS, e.FOREMAN_SYNTHESIS_MAX_TOKENS),
    effort: pick(e.FOREMAN_ORCHESTRATOR_EFFORT, e.FOREMAN_WORKER_EFFORT, e.FOREMAN_SYNTHESIS_EFFORT),
    retryBudgetMs: (e.FOREMAN_MODEL_RETRY_SECONDS ?? DEFAULT_RETRY_BUDGET_MS / 1000) * 1000,
    maxModelCalls: e.FOREMAN_MAX_MODEL_CALLS ?? DEFAULT_MAX_MODEL_CALLS,
    ...(e.FOREMAN_PRICES_FILE ? { pricesFile: e.FOREMAN_PRICES_FILE } : {}),
  };
}
