"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ForemanError, toErrorInfo } from "@/lib/engine/errors";
import { cancelRun, deleteRun, rerun, retryTask, startRun } from "@/lib/server/run-service";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { documentFromForm, limitsFromForm, parseStartRunForm } from "@/lib/server/upload";
import { parseAction } from "@/lib/server/action";
import type { ActionFailure } from "@/lib/server/action-failure";
import { runIdParams } from "@/lib/server/route-params";
import { runStatus } from "@/lib/server/run-queries";

export type StartRunState = { error?: string; fieldErrors?: Record<string, string> };

export async function startRunAction(_prev: StartRunState, formData: FormData): Promise<StartRunState> {
  const fields = parseStartRunForm(formData);
  if (!fields.success) {
    return { error: "Please fix the form.", fieldErrors: Object.fromEntries(fields.error.issues.map((i) => [String(i.path[0]), i.message])) };
  }
  const fileEntry = formData.get("file");
  const file = fileEntry instanceof File && (fileEntry.size > 0 || fileEntry.name) ? fileEntry : undefined;
  let runId: string;
  try {
    const document = await documentFromForm(file, fields.data.text);
    const idempotencyKey = fields.data.idempotencyKey;
    ({ runId } = await startRun({
      document,
      request: fields.data.request.trim() || DEFAULT_REQUEST,
      limits: limitsFromForm(fields.data),
      review: fields.data.review,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    }));
  } catch (error) {
    if (error instanceof ForemanError) return { error: error.message };
    console.error("[foreman] start run failed:", error);
    return { error: `Could not start the run: ${toErrorInfo(error).message}` };
  }
  redirect(`/runs/${runId}`);
}

// Every argument is parsed in parseAction (lib/server/action.ts): a malformed id names no run and
// answers a 404-style ActionFailure, as the API does — never a 500 or a silent "nothing happened".
const runParams = z.object({ runId: runIdParams.shape.id });

export async function cancelRunAction(runId: string): Promise<{ canceled: boolean } | ActionFailure> {
  return parseAction({ params: runParams }, { params: { runId } }, async ({ params }) => {
    if (!(await runStatus(params.runId))) throw new ForemanError("not_found", `No run with id ${params.runId}.`);
    return { canceled: await cancelRun(params.runId) };
  });
}

/** `deleted: false` when the run was already gone (deleting twice is not an error). */
export async function deleteRunAction(runId: string): Promise<{ deleted: boolean } | ActionFailure> {
  return parseAction({ params: runParams }, { params: { runId } }, async ({ params }) => {
    const deleted = await deleteRun(params.runId);
    revalidatePath("/runs");
    return { deleted };
  });
}

/** Starts the same request on the same document again and redirects to the new run. */
export async function rerunAction(runId: string): Promise<ActionFailure> {
  return parseAction({ params: runParams }, { params: { runId } }, async ({ params }) => redirect(`/runs/${await rerun(params.runId)}`));
}

const retryInput = z.object({
  taskId: z.string({ error: "That task cannot be re-run." }).min(1, "That task cannot be re-run.").max(64, "That task cannot be re-run."),
  description: z.string({ error: "The description must be text." }).max(4_000, "A task description is at most 4,000 characters.").optional(),
});

/** Re-runs one task (optionally with a new description) and its dependents; the live view follows. */
export async function retryTaskAction(runId: string, taskId: string, description?: string): Promise<{ error?: string } | ActionFailure> {
  return parseAction({ params: runParams, input: retryInput }, { params: { runId }, input: { taskId, description } }, async ({ params, input }) => {
    await retryTask({ runId: params.runId, taskId: input.taskId, ...(input.description ? { description: input.description } : {}) });
    return {};
  });
}
