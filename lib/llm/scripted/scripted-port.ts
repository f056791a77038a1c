import type { ExtendInput, FinishingPort, PlanInput, SynthesisInput, WorkInput, WorkOutput } from "../../engine/model-port";
import type { Plan, PlanTask } from "../../engine/plan";
import { abortError, sleep } from "../../engine/retry";
import { ZERO_USAGE } from "../../engine/usage";

/**
 * A programmable backend for tests and benchmarks: plans and answers as scripted, with
 * controllable latency, and records every call. It reads nothing; the offline port does.
 */
export type ScriptedOptions = {
  /** The plan to return, or a function of the call number (1 = first call, 2 = repair). */
  plan: unknown | ((input: PlanInput, call: number) => unknown);
  /** Latency of a task call in ms (default 0); `Infinity` answers only when aborted. */
  latencyMs?: (task: PlanTask, attempt: number) => number;
  /** Replaces the default successful output; throw to fail the attempt. */
  work?: (input: WorkInput) => WorkOutput | Promise<WorkOutput>;
  synthesize?: (input: SynthesisInput) => { text: string } | Promise<{ text: string }>;
  /** The orchestrator's answer to a follow-up request (`{ reason, tasks }`); absent = the port cannot extend. */
  extend?: (input: ExtendInput, call: number) => unknown;
  /** Sees every model call as it is made (e.g. to log calls across processes in system tests). */
  record?: (call: ScriptedCall) => void;
};

/** One model call: the document identifies the run in tests that give each run its own text. */
export type ScriptedCall = { kind: "plan" | "work" | "synthesize"; documentSha256: string; taskId?: string; attempt?: number };

export type ScriptedPort = FinishingPort & {
  calls: { plan: number; work: { taskId: string; attempt: number }[]; synthesize: number; extend: ExtendInput[]; planInputs: PlanInput[] };
};

export function createScriptedPort(options: ScriptedOptions): ScriptedPort {
  const calls: ScriptedPort["calls"] = { plan: 0, work: [], synthesize: 0, extend: [], planInputs: [] };
  const extend = options.extend;
  return {
    ...(extend
      ? {
          async extend(input: ExtendInput) {
            calls.extend.push(input);
            return { decision: extend(input, calls.extend.length), usage: { ...ZERO_USAGE, inputTokens: 40, outputTokens: 20 } };
          },
        }
      : {}),
    backend: "scripted",
    models: { orchestrator: "scripted", worker: "scripted", synthesis: "scripted" },
    calls,
    async plan(input) {
      calls.plan++;
      calls.planInputs.push(input);
      options.record?.({ kind: "plan", documentSha256: input.document.sha256 });
      const plan = typeof options.plan === "function" ? (options.plan as (i: PlanInput, n: number) => unknown)(input, calls.plan) : options.plan;
      return { plan, usage: { ...ZERO_USAGE, inputTokens: 100, outputTokens: 50 } };
    },
    async work(input) {
      calls.work.push({ taskId: input.task.id, attempt: input.attempt });
      options.record?.({ kind: "work", documentSha256: input.document.sha256, taskId: input.task.id, attempt: input.attempt });
      const latency = options.latencyMs?.(input.task, input.attempt) ?? 0;
      if (latency === Number.POSITIVE_INFINITY) await untilAborted(input.signal);
      else if (latency > 0) await sleep(latency, input.signal);
      if (input.signal.aborted) throw abortError(input.signal);
      if (options.work) return options.work(input);
      const result = `Result of ${input.task.id}`;
      input.onDelta(result);
      return { status: "success", result, findings: [], errors: [], usage: { ...ZERO_USAGE, inputTokens: 10, outputTokens: 5 } };
    },
    async synthesize(input) {
      calls.synthesize++;
      options.record?.({ kind: "synthesize", documentSha256: input.document.sha256 });
      const out = options.synthesize ? await options.synthesize(input) : { text: `Report over ${input.tasks.length} tasks.` };
      input.onDelta(out.text);
      return { text: out.text, citations: [], usage: ZERO_USAGE };
    },
  };
}

/** Settles (rejecting with the abort error) only when `signal` aborts. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    signal.addEventListener("abort", () => reject(abortError(signal)), { once: true });
  });
}

/** A plan over the given tasks, for scripts: `task("a", ["b"])`. */
export function scriptedPlan(tasks: PlanTask[]): Plan {
  return { analysis: "scripted", mode: "orchestrate", tasks };
}

export function task(id: string, dependsOn: string[] = [], priority: PlanTask["priority"] = "medium", worker = "summarizer"): PlanTask {
  return { id, worker, description: `Task ${id}`, focus: "", dependsOn, priority };
}
