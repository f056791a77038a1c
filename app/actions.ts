"use server";

import { notFound, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ForemanError, toErrorInfo } from "@/lib/engine/errors";
import { cancelRun, deleteRun, rerun, retryTask, startRun } from "@/lib/server/run-service";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { documentFromForm, limitsFromForm, parseStartRunForm } from "@/lib/server/upload";

export type StartRunState = { error?: string; fieldErrors?: Record<string, string> };

const runIdSchema = z.string().uuid();

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

// A malformed id names no run: the answer is "nothing happened" or 404, never a 500.
export async function cancelRunAction(runId: string): Promise<{ canceled: boolean }> {
  const id = runIdSchema.safeParse(runId);
  if (!id.success) return { canceled: false };
  return { canceled: await cancelRun(id.data) };
}

export async function deleteRunAction(runId: string): Promise<{ deleted: boolean }> {
  const id = runIdSchema.safeParse(runId);
  if (!id.success) return { deleted: false };
  const deleted = await deleteRun(id.data);
  revalidatePath("/runs");
  return { deleted };
}

export async function rerunAction(runId: string): Promise<void> {
  const id = runIdSchema.safeParse(runId);
  if (!id.success) notFound();
  const newId = await rerun(id.data);
  redirect(`/runs/${newId}`);
}

const retrySchema = z.object({ runId: runIdSchema, taskId: z.string().min(1).max(64), description: z.string().max(4_000).optional() });

/** Re-runs one task (optionally with a new description) and its dependents; the live view follows. */
export async function retryTaskAction(runId: string, taskId: string, description?: string): Promise<{ error?: string }> {
  const input = retrySchema.safeParse({ runId, taskId, description });
  if (!input.success) return { error: "That task cannot be re-run." };
  try {
    await retryTask({ runId: input.data.runId, taskId: input.data.taskId, ...(input.data.description ? { description: input.data.description } : {}) });
    return {};
  } catch (error) {
    return { error: toErrorInfo(error).message };
  }
}
