import type { Document } from "../documents/document";
import type { EventSink, RunLimits } from "./events";
import type { ModelPort } from "./model-port";
import type { RetryPolicy, Sleep } from "./retry";

/** How a run is executed: the model port, where its events go, its cancel signal and limits; clock, sleep and randomness are injectable for tests. */
export type EngineOptions = {
  port: ModelPort;
  sink: EventSink;
  signal: AbortSignal;
  limits?: RunLimits;
  retry?: Omit<RetryPolicy, "maxAttempts">;
  now?: () => Date;
  sleep?: Sleep;
  random?: () => number;
};

/** What every phase of a run works with: the options with defaults filled in, the document and the request. */
export type RunContext = Required<Omit<EngineOptions, "retry">> & { retry: RetryPolicy; document: Document; request: string };

/** The retry loop's dependencies, from the run's context. */
export function retryDeps(ctx: RunContext) {
  return { policy: ctx.retry, signal: ctx.signal, sleep: ctx.sleep, random: ctx.random };
}
