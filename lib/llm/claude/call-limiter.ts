import { abortError } from "../../engine/retry";
import type { Clock } from "./config";

/** What a waiting call is told: why it waits and, when known, until when (epoch ms). */
export type LimiterWait = { reason: "rate_limit" | "call_limit"; untilMs?: number };

/**
 * The process-wide gate in front of every model call (DESIGN §7; shared by every run). Small on
 * purpose so a cross-process implementation (issue 14: Redis/PostgreSQL) can replace the in-process
 * one: a slot per call, and a pause per model that every caller honours.
 */
export type ModelCallLimiter = {
  /**
   * Resolves once the model is not paused and a call slot is free; call the returned function
   * exactly once when the call ends. Rejects with the signal's ForemanError when aborted.
   */
  acquire(model: string, options: { signal: AbortSignal; onWait?: (wait: LimiterWait) => void }): Promise<() => void>;
  /** Holds every call to `model` until `untilMs` (epoch ms), e.g. a rate limit's reset; never shortens a pause. */
  pauseUntil(model: string, untilMs: number): void;
  /** The pause in force for `model`, if any (epoch ms). */
  pausedUntil(model: string): number | undefined;
};

/**
 * Spread of the extra wait each caller adds after a pause, so calls held by one rate limit do not
 * all hit the API in the same instant: up to 20% of the wait, at least 250 ms, at most 3 s.
 */
export function pauseJitterMs(waitMs: number, random: () => number): number {
  return Math.round(random() * Math.min(3_000, Math.max(250, waitMs * 0.2)));
}

/** The in-process limiter: `maxCalls` concurrent calls (FIFO) and per-model pauses. */
export function createModelCallLimiter(options: { maxCalls: number; clock: Clock }): ModelCallLimiter {
  const { clock } = options;
  const pauses = new Map<string, number>();
  const queue: Array<() => void> = [];
  let active = 0;

  const pausedUntil = (model: string): number | undefined => {
    const until = pauses.get(model);
    if (until === undefined) return undefined;
    if (until <= clock.now()) {
      pauses.delete(model);
      return undefined;
    }
    return until;
  };

  /** A freed slot passes straight to the longest waiter, so a newcomer can never slip past the cap. */
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  const holder = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };

  const waitForSlot = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = queue.indexOf(grant);
        if (i >= 0) queue.splice(i, 1);
        reject(abortError(signal));
      };
      queue.push(grant);
      signal.addEventListener("abort", onAbort, { once: true });
    });

  return {
    pausedUntil,
    pauseUntil(model, untilMs) {
      const current = pauses.get(model) ?? 0;
      if (untilMs > current) pauses.set(model, untilMs);
    },
    async acquire(model, { signal, onWait }) {
      for (;;) {
        if (signal.aborted) throw abortError(signal);
        const until = pausedUntil(model);
        if (until !== undefined) {
          const waitMs = until - clock.now();
          const sendAt = until + pauseJitterMs(waitMs, clock.random);
          onWait?.({ reason: "rate_limit", untilMs: sendAt });
          await clock.sleep(sendAt - clock.now(), signal);
          continue;
        }
        if (active < options.maxCalls) {
          active++;
          return holder();
        }
        onWait?.({ reason: "call_limit" });
        await waitForSlot(signal);
        // The slot was handed over: keep it unless a pause on this model started meanwhile.
        if (pausedUntil(model) === undefined) return holder();
        release();
      }
    },
  };
}
