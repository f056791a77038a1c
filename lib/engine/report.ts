import { z } from "zod";
import { citationSchema, findingSchema } from "./findings";

/**
 * The synthesised report. The narrative comes from the model; findings, gaps and coverage are
 * computed by the engine from task outputs, so every task is covered and every gap acknowledged
 * whatever the model writes.
 */
export const reportSchema = z.object({
  narrative: z.string(),
  citations: z.array(citationSchema),
  findings: z.array(findingSchema),
  gaps: z.array(z.object({ taskId: z.string(), description: z.string(), reason: z.string() })),
  coverage: z.array(
    z.object({
      taskId: z.string(),
      worker: z.string(),
      status: z.enum(["succeeded", "partial", "failed", "skipped"]),
      findingCount: z.number().int().nonnegative(),
    }),
  ),
  /** Tasks the orchestrator added during the run because a worker asked for follow-up, and why. */
  extensions: z
    .array(z.object({ taskIds: z.array(z.string()), reason: z.string(), requestedBy: z.string(), request: z.string() }))
    .optional(),
  /** True when the orchestrator answered directly without workers. */
  direct: z.boolean(),
  /** Set when the narrative is not finished prose: why (e.g. cut off at the output token limit). */
  incomplete: z.string().optional(),
});
export type Report = z.infer<typeof reportSchema>;
