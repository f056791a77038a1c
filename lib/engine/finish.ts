import { ForemanError } from "./errors";
import type { CutShort } from "./model-port";

/**
 * What the engine makes of a call that did not finish (DESIGN §7): the port reports the finish
 * reason, these decide. `what` names the step for messages ("task key-facts", "plan").
 */

/** A refusal: a specific error with the API's explanation, never retried (asking again will not help). */
export function refusedError(what: string, cut: CutShort): ForemanError {
  const why = cut.refusal?.trim() ? ` The API's explanation: ${cut.refusal.trim()}` : " The API gave no further explanation.";
  return new ForemanError("model_refused", `The model declined to answer (${what}).${why}`, { retryable: false, details: cut.refusal ? [cut.refusal] : [], usage: cut.usage });
}

/** The output ceiling for one more try after a `max_tokens` cut: twice the room, up to the model's limit; undefined if there is no more room. */
export function grownMaxTokens(cut: CutShort): number | undefined {
  if (cut.maxTokens >= cut.modelMaxTokens) return undefined;
  return Math.min(cut.maxTokens * 2, cut.modelMaxTokens);
}

/** The answer was cut at its limit even after the retry with more room (or could not get more). */
export function truncatedError(what: string, cut: CutShort): ForemanError {
  return new ForemanError(
    "output_truncated",
    `The model's answer (${what}) was cut off at its output limit of ${cut.maxTokens.toLocaleString("en")} tokens and is incomplete.`,
    { retryable: false, usage: cut.usage },
  );
}

/** Thrown inside an attempt so the engine's retry loop re-runs it with `maxTokens` more room. */
export function retryWithRoomError(what: string, cut: CutShort, maxTokens: number): ForemanError {
  return new ForemanError(
    "output_truncated",
    `The model's answer (${what}) was cut off at ${cut.maxTokens.toLocaleString("en")} output tokens; retrying with ${maxTokens.toLocaleString("en")}.`,
    { retryable: true, retryAfterMs: 0, usage: cut.usage },
  );
}
