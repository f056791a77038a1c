import type { ModelPort, PlanInput, PlanOutput, SynthesisInput, SynthesisOutput, WorkInput, WorkOutput } from "../../engine/model-port";
import { ZERO_USAGE } from "../../engine/usage";
import { analyzerFor } from "./analyzers";
import { OFFLINE_BANNER } from "./output";
import { buildPlan } from "./plan-builder";
import { streamText, throwIfAborted } from "./stream";
import { synthesizeNarrative } from "./synthesize";
import { indexText } from "./text";

export type OfflinePortOptions = {
  /** Pause before each streamed chunk, so the live view shows progress (0 = as fast as possible). */
  delayMs?: number;
};

export const OFFLINE_MODELS = { orchestrator: "offline-orchestrator", worker: "offline-analyzer", synthesis: "offline-synthesizer" } as const;

/**
 * The embedded, deterministic backend (DESIGN §2): reads the document with local text analysis
 * and answers through the same port as Claude. No network, no randomness, zero usage.
 */
export function createOfflinePort(options: OfflinePortOptions = {}): ModelPort {
  const delayMs = Math.max(0, options.delayMs ?? 0);

  async function plan(input: PlanInput): Promise<PlanOutput> {
    throwIfAborted(input.signal);
    const built = buildPlan({
      document: input.document,
      request: input.request,
      catalogue: input.catalogue,
      maxTasks: input.maxTasks,
      ...(input.repair ? { repair: { errors: input.repair.errors } } : {}),
    });
    await streamText(built.analysis, { delayMs, signal: input.signal, onDelta: input.onDelta });
    return { plan: built, usage: { ...ZERO_USAGE } };
  }

  async function work(input: WorkInput): Promise<WorkOutput> {
    throwIfAborted(input.signal);
    const analyzer = analyzerFor(input.task.worker);
    if (!analyzer) {
      const result = `${OFFLINE_BANNER} — the offline engine has no analyser for worker “${input.task.worker}”.`;
      await streamText(result, { delayMs, signal: input.signal, onDelta: input.onDelta });
      return { status: "failed", result, findings: [], errors: [`No offline analyser for worker "${input.task.worker}".`], usage: { ...ZERO_USAGE } };
    }
    const out = analyzer({
      document: input.document,
      index: indexText(input.document.text),
      task: input.task,
      request: input.request,
      dependencies: input.dependencies,
    });
    await streamText(out.result, { delayMs, signal: input.signal, onDelta: input.onDelta });
    return { ...out, errors: [], usage: { ...ZERO_USAGE } };
  }

  async function synthesize(input: SynthesisInput): Promise<SynthesisOutput> {
    throwIfAborted(input.signal);
    const { text, citations } = synthesizeNarrative(input);
    await streamText(text, { delayMs, signal: input.signal, onDelta: input.onDelta });
    return { text, citations, usage: { ...ZERO_USAGE } };
  }

  return { backend: "offline", models: { ...OFFLINE_MODELS }, plan, work, synthesize };
}
