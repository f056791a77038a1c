import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claudeSettingsFromEnv, DEFAULT_MODELS } from "@/lib/llm/claude/config";
import { estimateCostUsd, isPricedModel, loadPriceTable, mostExpensiveRates, priceEntry, ratesFor } from "@/lib/llm/claude/pricing";
import { modelFacts } from "@/lib/llm/claude/models";
import { parseEnv } from "@/lib/server/env";

const usage = (input: number, output = 0, write = 0, read = 0) => ({ inputTokens: input, outputTokens: output, cacheCreationInputTokens: write, cacheReadInputTokens: read });
const M = 1_000_000;

describe("prices as data", () => {
  it("pins every current model's list prices (USD per million tokens)", () => {
    expect(priceEntry("claude-sonnet-5-5")).toMatchObject({ input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.1 });
    expect(priceEntry("claude-haiku-5-5")).toMatchObject({ input: 0.1, output: 0.5, cacheWrite5m: 0.125, cacheWrite1h: 0.2, cacheRead: 0.01 });
    expect(priceEntry("claude-opus-5-5")).toMatchObject({ input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2 });
    expect(priceEntry("claude-fable-5-1")).toMatchObject({ input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 0.25 });
    // legacy, still served
    expect(priceEntry("claude-sonnet-4-6")).toMatchObject({ input: 3, output: 15, cacheRead: 0.3 });
    expect(priceEntry("claude-haiku-4-5-20251001")).toMatchObject({ input: 1, output: 5, cacheWrite5m: 1.25, cacheRead: 0.1 });
    expect(priceEntry("claude-opus-4-1")).toMatchObject({ input: 15, output: 75 });
    expect(priceEntry("claude-sonnet-5")).toMatchObject({ input: 2, cacheRead: 0.2 });
  });

  it("bills a whole request at the long-prompt tier above its threshold (Haiku 5.5: 100K prompt tokens, cache included)", () => {
    expect(ratesFor("claude-haiku-5-5", 100_000).input).toBe(0.1);
    expect(ratesFor("claude-haiku-5-5", 100_001)).toMatchObject({ input: 0.5, output: 2.5, cacheWrite5m: 0.625, cacheRead: 0.05 });
    expect(estimateCostUsd("claude-haiku-5-5", usage(50_000, 1_000, 0, 50_000))).toBeCloseTo((50_000 * 0.1 + 1_000 * 0.5 + 50_000 * 0.01) / M, 12);
    expect(estimateCostUsd("claude-haiku-5-5", usage(50_001, 1_000, 0, 50_000))).toBeCloseTo((50_001 * 0.5 + 1_000 * 2.5 + 50_000 * 0.05) / M, 12);
    expect(ratesFor("claude-sonnet-4-6", 200_001).input).toBe(6);
  });

  it("costs an unknown model at the most expensive known rates, so a budget is never under-enforced", () => {
    expect(isPricedModel("claude-fable-9-9")).toBe(false);
    const worst = mostExpensiveRates();
    expect(worst).toMatchObject({ input: 15, output: 75 });
    expect(estimateCostUsd("claude-fable-9-9", usage(M, M))).toBe(90);
    expect(estimateCostUsd("my-proxy-model", usage(M))).toBeGreaterThanOrEqual(estimateCostUsd("claude-opus-4-1", usage(M)));
  });

  it("every default model is priced and its facts are known", () => {
    for (const model of Object.values(DEFAULT_MODELS)) {
      expect(isPricedModel(model)).toBe(true);
      expect(modelFacts(model).thinking).toBe("adaptive");
      expect(modelFacts(model).maxOutputTokens).toBe(128_000);
    }
  });

  it("FOREMAN_PRICES_FILE overrides and adds entries; a bad file is refused with its path and the bad field", () => {
    const dir = mkdtempSync(join(tmpdir(), "prices-"));
    const good = join(dir, "prices.json");
    writeFileSync(good, JSON.stringify({ models: { "claude-sonnet-5-5": { input: 1, output: 2, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 }, "my-proxy-model": { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 } } }));
    const table = loadPriceTable(good);
    expect(priceEntry("claude-sonnet-5-5", table)?.input).toBe(1);
    expect(isPricedModel("my-proxy-model", table)).toBe(true);
    expect(priceEntry("claude-haiku-5-5", table)?.input).toBe(0.1); // untouched entries stay
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ models: { "claude-x": { input: -1, output: 1, cacheWrite5m: 1, cacheWrite1h: 1, cacheRead: 1 } } }));
    expect(() => loadPriceTable(bad)).toThrow(/bad\.json.*models\.claude-x\.input/);
    expect(() => loadPriceTable(join(dir, "missing.json"))).toThrow(/cannot be read/);
  });
});

describe("Claude settings from the environment", () => {
  it("reads max_tokens and effort per role, the retry budget, the call cap and the prices file", () => {
    const s = claudeSettingsFromEnv({
      FOREMAN_WORKER_MAX_TOKENS: "4096",
      FOREMAN_ORCHESTRATOR_EFFORT: "high",
      FOREMAN_MODEL_RETRY_SECONDS: "30",
      FOREMAN_MAX_MODEL_CALLS: "3",
      FOREMAN_PRICES_FILE: "/etc/prices.json",
    });
    expect(s).toEqual({ maxTokens: { worker: 4096 }, effort: { orchestrator: "high" }, retryBudgetMs: 30_000, maxModelCalls: 3, pricesFile: "/etc/prices.json" });
    expect(claudeSettingsFromEnv({})).toMatchObject({ retryBudgetMs: 120_000, maxModelCalls: 8 });
    expect(() => claudeSettingsFromEnv({ FOREMAN_WORKER_EFFORT: "extreme" })).toThrow(/FOREMAN_WORKER_EFFORT/);
  });
});

describe("the server's settings table", () => {
  it("refuses a bad effort or an unreadable price file at start-up, naming the variable", () => {
    expect(() => parseEnv({ FOREMAN_WORKER_EFFORT: "extreme" })).toThrow(/Bad setting FOREMAN_WORKER_EFFORT="extreme": expected one of low, medium, high, xhigh, max/);
    expect(() => parseEnv({ FOREMAN_PRICES_FILE: "/nonexistent/prices.json" })).toThrow(/Bad setting FOREMAN_PRICES_FILE=.*cannot be read/);
    expect(() => parseEnv({ FOREMAN_MAX_MODEL_CALLS: "0" })).toThrow(/FOREMAN_MAX_MODEL_CALLS/);
    expect(parseEnv({})).toMatchObject({ FOREMAN_MAX_MODEL_CALLS: 8, FOREMAN_MODEL_RETRY_SECONDS: 120 });
  });
});
