import { CATALOGUE } from "./catalogue";
import { retryDeps, type RunContext } from "./engine-context";
import { ForemanError } from "./errors";
import { grownMaxTokens, refusedError, truncatedError } from "./finish";
import { isCutShort } from "./model-port";
import type { Plan } from "./plan";
import { withRetries } from "./retry";
import type { RunState } from "./run-state";
import { addUsage, totalTokens, ZERO_USAGE, type Usage } from "./usage";
import { validatePlan } from "./validate-plan";

/** Room kept free in the context for instructions, dependency outputs and the answer. */
const CONTEXT_RESERVE_TOKENS = 24_000;

/** Refuses, before any paid call, a document that cannot fit the model or would blow the token budget alone. */
async function checkInputSize(ctx: RunContext): Promise<void> {
  if (!ctx.port.countInputTokens) return;
  const { tokens, contextWindow } = await ctx.port.countInputTokens({ document: ctx.document, signal: ctx.signal });
  const room = contextWindow - CONTEXT_RESERVE_TOKENS;
  if (tokens > room) {
    throw new ForemanError(
      "document_too_large",
      `The document takes about ${tokens.toLocaleString("en")} tokens; the model reads at most ${room.toLocaleString("en")} besides its instructions. Split the document or analyse a part of it.`,
    );
  }
  if (ctx.limits.maxTokens !== undefined && tokens > ctx.limits.maxTokens) {
    throw new ForemanError("budget_exceeded", `The document alone takes about ${tokens.toLocaleString("en")} tokens, more than the run's budget of ${ctx.limits.maxTokens.toLocaleString("en")}.`);
  }
}

/**
 * Asks the orchestrator for a plan (after checking the document fits), validates it, and asks once
 * more with the validator's errors when it is invalid; appends `plan-end`. Throws plan_invalid after
 * two invalid plans, and any model error with the usage of the calls already paid.
 */
export async function planPhase(ctx: RunContext, revision: RunState["revision"]): Promise<Plan> {
  await checkInputSize(ctx);
  let usage: Usage = ZERO_USAGE;
  let reasoning: string | undefined;
  const ask = async (repair?: { previous: unknown; errors: readonly string[] }) => {
    try {
      let maxTokens: number | undefined;
      for (;;) {
        const out = await withRetries({
          ...retryDeps(ctx),
          attempt: () =>
            ctx.port.plan({
              document: ctx.document,
              request: ctx.request,
              catalogue: CATALOGUE,
              maxTasks: ctx.limits.maxTasks,
              signal: ctx.signal,
              onDelta: (text) => void ctx.sink({ type: "plan-delta", text }),
              onWait: (wait) => void ctx.sink({ type: "model-wait", wait }),
              ...(maxTokens !== undefined ? { maxTokens } : {}),
              ...(repair ? { repair } : {}),
              ...(revision ? { revision } : {}),
            }),
        });
        usage = addUsage(usage, out.usage);
        if (isCutShort(out)) {
          if (out.finishReason === "refusal") throw refusedError("plan", out);
          // A plan cut at its limit is retried once with twice the room, then fails plainly.
          const more = maxTokens === undefined ? grownMaxTokens(out) : undefined;
          if (more === undefined) throw truncatedError("plan", out);
          maxTokens = more;
          continue;
        }
        if (out.reasoning) reasoning = out.reasoning;
        return { raw: out.plan, validation: validatePlan(out.plan, { maxTasks: ctx.limits.maxTasks }) };
      }
    } catch (error) {
      // Output that is not even JSON is a plan fault the repair round can fix, not a model outage.
      if (error instanceof ForemanError && error.code === "plan_malformed") {
        usage = addUsage(usage, error.usage ?? ZERO_USAGE); // the malformed answer was paid for
        return { raw: undefined, validation: { ok: false as const, errors: [error.message] } };
      }
      throw error;
    }
  };

  const first = await ask().catch((error: unknown) => {
    throw withUsage(error, usage);
  });
  if (first.validation.ok) {
    await ctx.sink({ type: "plan-end", plan: first.validation.plan, usage, repaired: false, ...(reasoning ? { reasoning } : {}) });
    return first.validation.plan;
  }
  const second = await ask({ previous: first.raw, errors: first.validation.errors }).catch((error: unknown) => {
    throw withUsage(error, usage);
  });
  if (!second.validation.ok) {
    throw new ForemanError("plan_invalid", `The orchestrator produced an invalid plan twice: ${second.validation.errors.join("; ")}`, {
      details: second.validation.errors,
      usage,
    });
  }
  await ctx.sink({ type: "plan-end", plan: second.validation.plan, usage, repaired: true, ...(reasoning ? { reasoning } : {}) });
  return second.validation.plan;
}

/** The plan phase's error with every plan call's usage so far (they were paid; no plan-end counts them). */
function withUsage(error: unknown, usage: Usage): unknown {
  if (!(error instanceof ForemanError) || totalTokens(usage) === 0) return error;
  return new ForemanError(error.code, error.message, { cause: error.cause, details: error.details, retryable: error.retryable, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}), usage });
}

