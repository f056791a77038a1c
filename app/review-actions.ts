"use server";

import { z } from "zod";
import { toErrorInfo } from "@/lib/engine/errors";
import type { PlanIssue } from "@/lib/engine/validate-plan";
import { parseAction } from "@/lib/server/action";
import type { ActionFailure } from "@/lib/server/action-failure";
import { approvePlan, discardPlan, editPlan, PlanEditError, replan } from "@/lib/server/plan-review";
import { runIdParams } from "@/lib/server/route-params";

/** What the review controls get back: nothing on success, else a message and (for edits) the validator's issues. */
export type ReviewResult = { error?: string; issues?: PlanIssue[] };

// Arguments are parsed in parseAction (lib/server/action.ts): a malformed id answers a 404-style
// ActionFailure (its `error` is shown like any other), not a 500.
const runParams = z.object({ runId: runIdParams.shape.id });
const tasksSchema = z.array(z.unknown(), { error: "The plan's tasks must be a list." }).max(1_000, "A plan has at most 1,000 tasks.");
const noteSchema = z.string({ error: "Say what the new plan should change (up to 4,000 characters)." }).trim().min(1, "Say what the new plan should change (up to 4,000 characters).").max(4_000, "Say what the new plan should change (up to 4,000 characters).");

async function attempt(work: () => Promise<unknown>): Promise<ReviewResult> {
  try {
    await work();
    return {};
  } catch (error) {
    if (error instanceof PlanEditError) return { error: "The plan has problems; fix them first.", issues: error.issues };
    return { error: toErrorInfo(error).message };
  }
}

/** Stores the edited tasks (when given), then starts the plan: "Run this plan". */
export async function approvePlanAction(runId: string, tasks?: unknown[]): Promise<ReviewResult | ActionFailure> {
  return parseAction({ params: runParams, input: z.object({ tasks: tasksSchema.optional() }) }, { params: { runId }, input: { tasks } }, ({ params, input }) =>
    attempt(async () => {
      if (input.tasks) await editPlan({ runId: params.runId, tasks: input.tasks, by: "web" });
      await approvePlan({ runId: params.runId, by: "web" });
    }),
  );
}

/** Stores the edited tasks without starting the run. */
export async function savePlanAction(runId: string, tasks: unknown[]): Promise<ReviewResult | ActionFailure> {
  return parseAction({ params: runParams, input: z.object({ tasks: tasksSchema }) }, { params: { runId }, input: { tasks } }, ({ params, input }) =>
    attempt(() => editPlan({ runId: params.runId, tasks: input.tasks, by: "web" })),
  );
}

export async function replanAction(runId: string, note: string): Promise<ReviewResult | ActionFailure> {
  return parseAction({ params: runParams, input: z.object({ note: noteSchema }) }, { params: { runId }, input: { note } }, ({ params, input }) =>
    attempt(() => replan({ runId: params.runId, note: input.note, by: "web" })),
  );
}

export async function discardPlanAction(runId: string): Promise<ReviewResult | ActionFailure> {
  return parseAction({ params: runParams }, { params: { runId } }, ({ params }) => attempt(() => discardPlan({ runId: params.runId, by: "web" })));
}
