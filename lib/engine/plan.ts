import { z } from "zod";

export const prioritySchema = z.enum(["high", "medium", "low"]);
export type Priority = z.infer<typeof prioritySchema>;

/** What a run analyses when the user asks nothing in particular (web form, API and CLI alike). */
export const DEFAULT_REQUEST = "Analyse this document: key points, risks and issues, with evidence.";

/** The worker name reserved for the plan's single optional custom task (the hybrid approach). */
export const CUSTOM_WORKER = "custom";

export const planTaskSchema = z.object({
  id: z.string().min(1).max(64),
  worker: z.string().min(1),
  description: z.string().min(1),
  focus: z.string(),
  dependsOn: z.array(z.string()),
  priority: prioritySchema,
});
export type PlanTask = z.infer<typeof planTaskSchema>;

/** DESIGN.md §1: the orchestrator's structured output. Semantic checks live in validate-plan.ts. */
export const planSchema = z.object({
  analysis: z.string(),
  mode: z.enum(["direct", "orchestrate"]),
  directAnswer: z.string().optional(),
  tasks: z.array(planTaskSchema),
});
export type Plan = z.infer<typeof planSchema>;
