import type { MessagesBody } from "./mock-anthropic-request";

/**
 * The per-model rules of the Messages API that the mock enforces, from the model pages
 * (https://platform.claude.com/docs/en/about-claude/models/overview, …/models/sonnet-5-5/overview,
 * …/models/sonnet-5/overview): output and context limits, adaptive thinking and effort, and the
 * newest Sonnet's 400 for manual thinking budgets and non-default sampling parameters.
 */
export type MockModel = {
  contextWindow: number;
  maxOutputTokens: number;
  /** Adaptive thinking is on by default and `output_config.effort` is accepted. */
  adaptive: boolean;
  /** 400 for `thinking.type: "enabled"` and for non-default temperature / top_p / top_k. */
  strictSampling: boolean;
};

const SONNET_5: MockModel = { contextWindow: 1_000_000, maxOutputTokens: 128_000, adaptive: true, strictSampling: true };
const ADAPTIVE: MockModel = { contextWindow: 1_000_000, maxOutputTokens: 128_000, adaptive: true, strictSampling: false };
const LEGACY: MockModel = { contextWindow: 200_000, maxOutputTokens: 64_000, adaptive: false, strictSampling: false };

export const MOCK_MODELS: Readonly<Record<string, MockModel>> = {
  "claude-sonnet-5-5": SONNET_5,
  "claude-sonnet-5": SONNET_5,
  "claude-haiku-5-5": ADAPTIVE,
  "claude-opus-5-5": ADAPTIVE,
  "claude-opus-5": ADAPTIVE,
  "claude-fable-5-1": ADAPTIVE,
  "claude-sonnet-4-6": LEGACY,
  "claude-sonnet-4-5": LEGACY,
  "claude-haiku-4-5": LEGACY,
  "claude-opus-4-6": LEGACY,
};

export function mockModel(model: string): MockModel | undefined {
  return MOCK_MODELS[model] ?? MOCK_MODELS[model.replace(/-\d{8}$/, "")];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The API's 400 message for a request this model refuses, or undefined. */
export function modelRuleViolation(body: MessagesBody, model: MockModel, promptTokens: number): string | undefined {
  const maxTokens = body.max_tokens as number;
  if (maxTokens > model.maxOutputTokens) {
    return `max_tokens: ${maxTokens} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${String(body.model)}`;
  }
  if (promptTokens + maxTokens > model.contextWindow && promptTokens > model.contextWindow) {
    return `prompt is too long: ${promptTokens} tokens > ${model.contextWindow} maximum`;
  }
  const thinking = body.thinking;
  if (isRecord(thinking)) {
    if (thinking.type === "enabled" && model.strictSampling) {
      return "thinking.type.enabled is not supported for this model. Use thinking.type.adaptive and output_config.effort to control thinking behavior.";
    }
    if (thinking.type === "adaptive" && !model.adaptive) return "thinking.type.adaptive is not supported for this model.";
  }
  if (model.strictSampling) {
    if (body.temperature !== undefined && body.temperature !== 1) return "temperature: only the default value (1.0) is supported for this model";
    if (body.top_p !== undefined) return "top_p: is not supported for this model";
    if (body.top_k !== undefined) return "top_k: is not supported for this model";
  }
  const effort = body.output_config?.effort;
  if (effort !== undefined && effort !== null && !model.adaptive) return "output_config.effort: is not supported for this model";
  return undefined;
}

/** Whether the answer starts with a thinking block: adaptive models think unless told not to. */
export function thinks(body: MessagesBody, model: MockModel): boolean {
  if (!model.adaptive) return isRecord(body.thinking) && body.thinking.type === "enabled";
  return !(isRecord(body.thinking) && body.thinking.type === "disabled");
}

/** Thinking text is returned only when `display: "summarized"` (this mock's default is omitted). */
export function thinkingDisplayed(body: MessagesBody): boolean {
  return isRecord(body.thinking) && body.thinking.display === "summarized";
}
