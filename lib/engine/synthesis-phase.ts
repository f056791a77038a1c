import { buildReport, summarizeTasks } from "./build-report";
import type { TaskOutcome } from "./dag-runner";
import { retryDeps, type RunContext } from "./engine-context";
import { toErrorInfo } from "./errors";
import type { ReportExtension } from "./extension";
import { refusedError } from "./finish";
import type { Plan } from "./plan";
import { withRetries } from "./retry";
import { synthesisInputs } from "./step-inputs";
import { ZERO_USAGE, type Usage } from "./usage";

/** Writes the report; resolves false when its narrative is not the model's finished answer. */
export async function synthesisPhase(ctx: RunContext, plan: Plan, outcomes: ReadonlyMap<string, TaskOutcome>, extensions: readonly ReportExtension[]): Promise<boolean> {
  const tasks = summarizeTasks(plan, outcomes);
  await ctx.sink({ type: "synthesis-start", inputs: synthesisInputs(ctx.port, { request: ctx.request, plan, tasks }) });
  let narrative: string;
  let citations: Parameters<typeof buildReport>[0]["citations"] = [];
  let usage: Usage = ZERO_USAGE;
  let incomplete: string | undefined;
  try {
    const out = await withRetries({
      ...retryDeps(ctx),
      attempt: () =>
        ctx.port.synthesize({
          document: ctx.document,
          request: ctx.request,
          plan,
          tasks,
          signal: ctx.signal,
          onDelta: (text) => void ctx.sink({ type: "synthesis-delta", text }),
          onWait: (wait) => void ctx.sink({ type: "model-wait", wait }),
        }),
    });
    if (out.finishReason === "refusal") {
      usage = out.usage;
      const refused = refusedError("synthesis", out).message;
      narrative = `**The synthesis model declined to write the report.** ${refused} The findings below come directly from the workers.`;
      incomplete = refused;
    } else {
      ({ text: narrative, citations, usage } = out);
      // Prose cut at the token limit ends mid-sentence: keep it, but never present it as finished.
      if (out.finishReason === "max_tokens") incomplete = "The summary was cut off at the model's output token limit; it ends mid-sentence.";
    }
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    // The workers' findings are still worth a report; say plainly that the narrative is missing.
    const info = toErrorInfo(error);
    narrative = `**The synthesis step failed** (${info.message}). The findings below come directly from the workers, without a combined narrative.`;
    incomplete = `The synthesis step failed: ${info.message}`;
  }
  const report = buildReport({ document: ctx.document, tasks, narrative, citations, direct: false, ...(incomplete ? { incomplete } : {}) });
  await ctx.sink({ type: "synthesis-end", report: extensions.length > 0 ? { ...report, extensions: [...extensions] } : report, usage });
  return incomplete === undefined;
}

/** A direct answer (no tasks): the orchestrator's answer is the report, and the run ends. */
export async function finishDirect(ctx: RunContext, plan: Plan): Promise<void> {
  const answer = plan.directAnswer ?? "";
  await ctx.sink({ type: "synthesis-start" });
  await ctx.sink({ type: "synthesis-delta", text: answer });
  const report = buildReport({ document: ctx.document, tasks: [], narrative: answer, citations: [], direct: true });
  await ctx.sink({ type: "synthesis-end", report, usage: ZERO_USAGE });
  await ctx.sink({ type: "run-end", status: "succeeded" });
}

