import { z } from "zod";
import { findingSchema } from "./findings";
import { usageSchema } from "./usage";

/** DESIGN.md §1: a worker's output after the engine verified its quotes. */
export const workerOutputSchema = z.object({
  status: z.enum(["success", "partial", "failed"]),
  result: z.string(),
  findings: z.array(findingSchema),
  errors: z.array(z.string()),
  /** Follow-up the worker asked for; the orchestrator may extend the plan with it. */
  followUp: z.string().optional(),
  usage: usageSchema,
  timing: z.object({ startedAt: z.string(), endedAt: z.string(), durationMs: z.number().nonnegative() }),
});
export type WorkerOutput = z.infer<typeof workerOutputSchema>;
