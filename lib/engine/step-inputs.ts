import { z } from "zod";
import type { DependencyResult, ModelPort, SynthesisInput, WorkInput } from "./model-port";

/**
 * What a step was given, stored on its `task-start` / `synthesis-start` event so the inspector
 * (live and in history) shows exactly it: the model and settings, the rendered instructions
 * (the document itself left out: it is stored once with the run), and for a task the outputs of
 * its dependencies as it received them.
 */
export const stepInputsSchema = z.object({
  model: z.string(),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** The instructions sent, as text; absent when the backend sends none (e.g. scripted). */
  prompt: z.string().optional(),
  dependencies: z
    .array(
      z.object({
        taskId: z.string(),
        status: z.enum(["succeeded", "partial", "failed", "skipped"]),
        /** The dependency's result text (succeeded/partial) … */
        result: z.string().optional(),
        findingCount: z.number().int().nonnegative().optional(),
        /** … or why it is missing (failed/skipped). */
        reason: z.string().optional(),
      }),
    )
    .optional(),
});
export type StepInputs = z.infer<typeof stepInputsSchema>;

/** What a backend reports about a call before making it (ModelPort.describeWork / describeSynthesis). */
export type StepDescription = Pick<StepInputs, "model" | "settings" | "prompt">;

export function dependencyInputs(deps: readonly DependencyResult[]): NonNullable<StepInputs["dependencies"]> {
  return deps.map((d) =>
    "output" in d
      ? { taskId: d.taskId, status: d.status, result: d.output.result, findingCount: d.output.findings.length }
      : { taskId: d.taskId, status: d.status, reason: d.reason },
  );
}

/** A task's inputs: the port's own description when it has one, else its worker model alone. */
export function workInputs(port: ModelPort, input: Pick<WorkInput, "task" | "worker" | "request" | "dependencies">): StepInputs {
  const described = port.describeWork?.(input) ?? { model: port.models.worker, settings: {} };
  return { ...described, dependencies: dependencyInputs(input.dependencies) };
}

export function synthesisInputs(port: ModelPort, input: Pick<SynthesisInput, "request" | "plan" | "tasks">): StepInputs {
  const described = port.describeSynthesis?.(input) ?? { model: port.models.synthesis, settings: {} };
  return {
    ...described,
    dependencies: input.tasks.map((t) =>
      t.output
        ? { taskId: t.task.id, status: t.status, result: t.output.result, findingCount: t.output.findings.length }
        : { taskId: t.task.id, status: t.status, ...(t.reason ? { reason: t.reason } : {}) },
    ),
  };
}
