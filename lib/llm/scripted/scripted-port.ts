import type { ExtendInput, FinishingPort, PlanInput, SynthesisInput, WorkInput, WorkOutput } from "../../engine/model-port";
import type { Plan, PlanTask } from "../../engine/plan";
import { abortError, sleep, untilAborted } from "../../engine/retry";
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
  /**
   * Stream the default result as `count` deltas in bursts of `burst`, spread over the task's
   * latency (the live view's stress case: hundreds of deltas arriving in clumps).
   */
  deltas?: { count: number; burst: number };
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
      const { count, burst } = options.deltas ?? { count: 1, burst: 1 };
      const bursts = Math.max(1, Math.ceil(count / Math.max(1, burst)));
      // Never answers: rejects once the signal aborts.
      if (latency === Number.POSITIVE_INFINITY) await untilAborted(input.signal);
      if (options.work) {
        if (latency > 0) await sleep(latency, input.signal);
        if (input.signal.aborted) throw abortError(input.signal);
        return options.work(input);
      }
      const parts: string[] = [];
      for (let b = 0; b < bursts; b++) {
        if (latency > 0) await sleep(latency / bursts, input.signal);
        if (input.signal.aborted) throw abortError(input.signal);
        for (let i = b * burst; i < Math.min(count, (b + 1) * burst); i++) {
          const part = count === 1 ? `Result of ${input.task.id}` : `${i === 0 ? `Result of ${input.task.id}:` : ""} ${i}`;
          parts.push(part);
          input.onDelta(part);
        }
      }
      const result = parts.join("");
      return { status: "success", result, findings: [], errors: [], usage: { ...ZERO_USAGE, inputTokens: 10, outputTokens: 5 } };
    },
    describeWork: (input) => {
      // A stalled first attempt has infinite latency, which JSON cannot carry (it would be stored as null).
      const latency = options.latencyMs?.(input.task, 1) ?? 0;
      const timing: Record<string, string | number> = Number.isFinite(latency) ? { latencyMs: latency } : { firstAttempt: "answers only when aborted" };
      return {
        model: "scripted",
        settings: { ...timing, deltas: options.deltas?.count ?? 1 },
        prompt: `Scripted task ${input.task.id}: ${input.task.description}`,
      };
    },
    describeSynthesis: (input) => ({ model: "scripted", settings: {}, prompt: `Scripted report over ${input.tasks.length} tasks.` }),
    async synthesize(input) {
      calls.synthesize++;
      options.record?.({ kind: "synthesize", documentSha256: input.document.sha256 });
      const out = options.synthesize ? await options.synthesize(input) : { text: `Report over ${input.tasks.length} tasks.` };
      input.onDelta(out.text);
      return { text: out.text, citations: [], usage: ZERO_USAGE };
    },
  };
}

/** A plan over the given tasks, for scripts: `task("a", ["b"])`. */
export function scriptedPlan(tasks: PlanTask[]): Plan {
  return { analysis: "scripted", mode: "orchestrate", tasks };
}

export function task(id: string, dependsOn: string[] = [], priority: PlanTask["priority"] = "medium", worker = "summarizer"): PlanTask {
  return { id, worker, description: `Task ${id}`, focus: "", dependsOn, priority };
}
