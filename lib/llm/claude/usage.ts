import type { Usage } from "../../engine/usage";
import { estimateCostUsd } from "./pricing";
import type { PriceTable } from "./price-table";

/** The part of the SDK's `Usage` we read; cache counters are null when caching did not apply. */
export type ApiUsage = {
  input_tokens: number | null;
  output_tokens: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
};

/**
 * `input_tokens` from the API excludes cached tokens, so the four counters add up to the prompt
 * plus the output and each is priced separately.
 */
export function toUsage(model: string, usage: ApiUsage | undefined, prices?: PriceTable): Usage {
  const counts = {
    inputTokens: nonNegative(usage?.input_tokens),
    outputTokens: nonNegative(usage?.output_tokens),
    cacheCreationInputTokens: nonNegative(usage?.cache_creation_input_tokens),
    cacheReadInputTokens: nonNegative(usage?.cache_read_input_tokens),
  };
  return { ...counts, costUsd: estimateCostUsd(model, counts, prices) };
}

function nonNegative(n: number | null | undefined): number {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}
