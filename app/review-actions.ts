"use server";

import { z } from "zod";
import { toErrorInfo } from "@/lib/engine/errors";
import type { PlanIssue } from "@/lib/engine/validate-plan";
import { approvePlan, discardPlan, editPlan, PlanEditError, replan } from "@/lib/server/plan-review";

/** What the review controls get back: nothing on success, else a message and (for edits) the validator's issues. */
export type ReviewResult = { error?: string; issues?: PlanIssue[] };

const runIdSchema = z.string().uuid();
const tasksSchema = z.array(z.unknown()).max(1_000);

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
export async function approvePlanAction(runId: string, tasks?: unknown[]): Promise<ReviewResult> {
  const id = runIdSchema.parse(runId);
  const edited = tasks === undefined ? undefined : tasksSchema.parse(tasks);
  return attempt(async () => {
    if (edited) await editPlan({ runId: id, tasks: edited, by: "web" });
    await approvePlan({ runId: id, by: "web" });
  });
}

/** Stores the edited tasks without starting the run. */
export async function savePlanAction(runId: string, tasks: unknown[]): Promise<ReviewResult> {
  const id = runIdSchema.parse(runId);
  const edited = tasksSchema.parse(tasks);
  return attempt(() => editPlan({ runId: id, tasks: edited, by: "web" }));
}

export async function replanAction(runId: string, note: string): Promise<ReviewResult> {
  const id = runIdSchema.parse(runId);
  const text = z.string().trim().min(1).max(4_000).safeParse(note);
  if (!text.success) return { error: "Say what the new plan should change (up to 4,000 characters)." };
  return attempt(() => replan({ runId: id, note: text.data, by: "web" }));
}

export async function discardPlanAction(runId: string): Promise<ReviewResult> {
  const id = runIdSchema.parse(runId);
  return attempt(() => discardPlan({ runId: id, by: "web" }));
}
