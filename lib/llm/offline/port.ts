import type { FinishingPort, OnModelWait, PlanInput, PlanOutput, SynthesisInput, SynthesisOutput, WorkInput, WorkOutput } from "../../engine/model-port";
import { untilAborted } from "../../engine/retry";
import { ZERO_USAGE } from "../../engine/usage";
import { extendOffline } from "./follow-up";
import { count } from "./output";
import type { OfflineJob, OfflineJobResult } from "./jobs";
import { streamText, throwIfAborted } from "./stream";
import { DEFAULT_OFFLINE_DEADLINE_MS, runInPool, type OfflinePoolOptions } from "./worker-pool";

export type OfflinePortOptions = {
  /** Pause before each streamed chunk, so the live view shows progress (0 = as fast as possible). */
  delayMs?: number;
  /** Longest one plan, task or synthesis step may compute before its thread is stopped (ms). */
  deadlineMs?: number;
  /** The worker-thread pool the analysis runs on. */
  pool?: OfflinePoolOptions;
  /**
   * Workers (catalogue names) whose first attempt answers only when aborted. For end-to-end tests
   * that must act while a run is surely still going (cancel), whatever the machine's load.
   */
  stallWorkers?: readonly string[];
};

export const OFFLINE_MODELS = { orchestrator: "offline-orchestrator", worker: "offline-analyzer", synthesis: "offline-synthesizer" } as const;

/**
 * The embedded, deterministic backend (DESIGN §2): reads the document with local text analysis
 * and answers through the same port as Claude. No network, no randomness, zero usage. The analysis
 * itself runs on worker threads (worker-pool.ts); only the (optionally paced) streaming of its
 * finished text happens on the caller's thread.
 */
export function createOfflinePort(options: OfflinePortOptions = {}): FinishingPort {
  const delayMs = Math.max(0, options.delayMs ?? 0);
  const deadlineMs = options.deadlineMs ?? DEFAULT_OFFLINE_DEADLINE_MS;

  async function run<K extends OfflineJob["kind"]>(job: Extract<OfflineJob, { kind: K }>, signal: AbortSignal, onWait?: OnModelWait): Promise<Extract<OfflineJobResult, { kind: K }>> {
    throwIfAborted(signal);
    // Waiting for a free analysis thread is the offline twin of waiting for a model-call slot:
    // shown live, and not counted against the task's timeout.
    const onQueued = onWait ? (queued: boolean) => onWait(queued ? { reason: "call_limit" } : null) : undefined;
    const result = await runInPool(job, { signal, deadlineMs, ...(options.pool ? { pool: options.pool } : {}), ...(onQueued ? { onQueued } : {}) });
    if (result.kind !== job.kind) throw new Error(`offline worker answered a ${job.kind} job with a ${result.kind} result`);
    return result as Extract<OfflineJobResult, { kind: K }>;
  }

  async function plan(input: PlanInput): Promise<PlanOutput> {
    const { plan: built } = await run(
      {
        kind: "plan",
        document: input.document,
        request: input.request,
        // A re-plan changes the previous plan by the note's rules (plan-revision.ts, via buildPlan).
        ...(input.revision ? { revision: input.revision } : {}),
        workers: input.catalogue.map((w) => w.name),
        maxTasks: input.maxTasks,
        ...(input.repair ? { repairErrors: input.repair.errors } : {}),
      },
      input.signal,
      input.onWait,
    );
    await streamText(built.analysis, { delayMs, signal: input.signal, onDelta: input.onDelta });
    return { plan: built, usage: { ...ZERO_USAGE } };
  }

  async function work(input: WorkInput): Promise<WorkOutput> {
    if (input.attempt === 1 && options.stallWorkers?.includes(input.task.worker)) await untilAborted(input.signal);
    const job = { kind: "work" as const, document: input.document, request: input.request, task: input.task, dependencies: input.dependencies, ...(input.plan ? { plan: input.plan } : {}) };
    const { output, error, followUp } = await run(job, input.signal, input.onWait);
    await streamText(output.result, { delayMs, signal: input.signal, onDelta: input.onDelta });
    return { ...output, errors: error ? [error] : [], ...(followUp ? { followUp } : {}), usage: { ...ZERO_USAGE } };
  }

  async function synthesize(input: SynthesisInput): Promise<SynthesisOutput> {
    const { text, citations } = await run({ kind: "synthesize", document: input.document, request: input.request, plan: input.plan, tasks: input.tasks }, input.signal, input.onWait);
    await streamText(text, { delayMs, signal: input.signal, onDelta: input.onDelta });
    return { text, citations, usage: { ...ZERO_USAGE } };
  }

  return {
    backend: "offline",
    models: { ...OFFLINE_MODELS },
    plan,
    work,
    synthesize,
    extend: async (input) => extendOffline(input),
    // No model and no prompt: the analyser reads the document with these instructions.
    describeWork: (input) => ({
      model: OFFLINE_MODELS.worker,
      settings: { analyser: input.task.worker, delayMs },
      prompt: `Offline analyser “${input.task.worker}” (local text analysis, no model call).\n\nTask ${input.task.id}: ${input.task.description}\nFocus: ${input.task.focus || "(none)"}\nRequest: ${input.request || "(none)"}`,
    }),
    describeSynthesis: (input) => ({
      model: OFFLINE_MODELS.synthesis,
      settings: { delayMs },
      prompt: `Offline synthesiser (local, no model call): combines the findings of ${count(input.tasks.length, "task")} into the report.\nRequest: ${input.request || "(none)"}`,
    }),
  };
}
