import { z } from "zod";
import type { RunLimits } from "./events";

/** Hard ceilings a user's per-run settings cannot exceed, whatever they type. */
export const LIMIT_CEILINGS = { maxTasks: 20, maxTokens: 5_000_000, maxCostUsd: 100, maxWallSeconds: 24 * 3600 } as const;

const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().pipe(schema).optional());

/** Per-run budget fields from a form; empty fields keep the server's defaults. */
export const budgetFormSchema = z.object({
  maxTasks: optionalNumber(z.number().int("Whole tasks only.").min(1, "At least 1 task.").max(LIMIT_CEILINGS.maxTasks, `At most ${LIMIT_CEILINGS.maxTasks} tasks.`)),
  maxTokens: optionalNumber(z.number().int("Whole tokens only.").min(1_000, "At least 1,000 tokens.").max(LIMIT_CEILINGS.maxTokens, "Too many tokens.")),
  maxCostUsd: optionalNumber(z.number().positive("Must be more than $0.").max(LIMIT_CEILINGS.maxCostUsd, `At most $${LIMIT_CEILINGS.maxCostUsd}.`)),
  maxWallSeconds: optionalNumber(z.number().int("Whole seconds only.").min(5, "At least 5 seconds.").max(LIMIT_CEILINGS.maxWallSeconds, "At most a day.")),
});
export type BudgetForm = z.infer<typeof budgetFormSchema>;

export function applyBudget(defaults: RunLimits, form: BudgetForm): RunLimits {
  return {
    ...defaults,
    ...(form.maxTasks !== undefined ? { maxTasks: form.maxTasks } : {}),
    ...(form.maxTokens !== undefined ? { maxTokens: form.maxTokens } : {}),
    ...(form.maxCostUsd !== undefined ? { maxCostUsd: form.maxCostUsd } : {}),
    ...(form.maxWallSeconds !== undefined ? { maxWallMs: form.maxWallSeconds * 1000 } : {}),
  };
}
