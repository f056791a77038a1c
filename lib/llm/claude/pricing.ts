import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Usage } from "../../engine/usage";
import { DEFAULT_PRICE_TABLE, type PriceEntry, type PriceTable, type Rates } from "./price-table";

export type { PriceEntry, PriceTable, Rates } from "./price-table";

/** A snapshot id is its alias plus a date: "claude-haiku-4-5-20251001" → "claude-haiku-4-5". */
const SNAPSHOT_SUFFIX = /-\d{8}$/;

/** The table's entry for a model id or its dated snapshot; undefined for a model it does not list. */
export function priceEntry(model: string, table: PriceTable = DEFAULT_PRICE_TABLE): PriceEntry | undefined {
  return table[model] ?? table[model.replace(SNAPSHOT_SUFFIX, "")];
}

export function isPricedModel(model: string, table: PriceTable = DEFAULT_PRICE_TABLE): boolean {
  return priceEntry(model, table) !== undefined;
}

/**
 * The highest rate of every kind across the table (long-prompt tiers included). An unknown model is
 * costed at it so a cost budget is never under-enforced; the UI says the cost is estimated.
 */
export function mostExpensiveRates(table: PriceTable = DEFAULT_PRICE_TABLE): Rates {
  const all = Object.values(table).flatMap((e) => (e.longPrompt ? [e, e.longPrompt] : [e]));
  const max = (key: keyof Rates) => Math.max(...all.map((r) => r[key]));
  return { input: max("input"), output: max("output"), cacheWrite5m: max("cacheWrite5m"), cacheWrite1h: max("cacheWrite1h"), cacheRead: max("cacheRead") };
}

/** The rates one request is billed at: the long-prompt tier applies to the whole request above its threshold. */
export function ratesFor(model: string, promptTokens: number, table: PriceTable = DEFAULT_PRICE_TABLE): Rates {
  const entry = priceEntry(model, table);
  if (!entry) return mostExpensiveRates(table);
  if (entry.longPrompt && promptTokens > entry.longPrompt.aboveTokens) return entry.longPrompt;
  return entry;
}

/**
 * Dollars for one call's usage. Foreman writes 5-minute cache entries only, so cache writes are
 * priced at the 5-minute rate. `inputTokens` excludes cached tokens (the API counts them apart).
 */
export function estimateCostUsd(model: string, usage: Omit<Usage, "costUsd">, table: PriceTable = DEFAULT_PRICE_TABLE): number {
  const prompt = usage.inputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens;
  const r = ratesFor(model, prompt, table);
  const dollars =
    usage.inputTokens * r.input + usage.outputTokens * r.output + usage.cacheCreationInputTokens * r.cacheWrite5m + usage.cacheReadInputTokens * r.cacheRead;
  return dollars / 1_000_000;
}

const ratesSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheWrite5m: z.number().nonnegative(),
  cacheWrite1h: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
});
const entrySchema = ratesSchema.extend({ longPrompt: ratesSchema.extend({ aboveTokens: z.number().int().positive() }).optional() });
/** `FOREMAN_PRICES_FILE`: `{ "models": { "<model id>": { input, output, cacheWrite5m, cacheWrite1h, cacheRead, longPrompt? } } }`, USD per million tokens. */
export const priceFileSchema = z.object({ source: z.string().optional(), models: z.record(z.string().min(1), entrySchema) });

/**
 * The built-in table with the entries of a JSON price file laid over it (a listed model replaces
 * the built-in entry; others are added). Throws an Error naming the file and the bad field.
 */
export function loadPriceTable(path: string | undefined): PriceTable {
  if (!path) return DEFAULT_PRICE_TABLE;
  const cached = loaded.get(path);
  if (cached) return cached;
  const table = readPriceFile(path);
  loaded.set(path, table);
  return table;
}

/** Read once per process and path: a port is built per run. */
const loaded = new Map<string, PriceTable>();

function readPriceFile(path: string): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`FOREMAN_PRICES_FILE (${path}) cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = priceFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`FOREMAN_PRICES_FILE (${path}) is not a price table: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}`);
  }
  const overrides: Record<string, PriceEntry> = {};
  for (const [model, entry] of Object.entries(parsed.data.models)) {
    const { longPrompt, ...base } = entry;
    overrides[model] = longPrompt ? { ...base, longPrompt } : base;
  }
  return { ...DEFAULT_PRICE_TABLE, ...overrides };
}
