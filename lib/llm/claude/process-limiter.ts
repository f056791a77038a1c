import { sleep } from "../../engine/retry";
import { createModelCallLimiter, type ModelCallLimiter } from "./call-limiter";
import type { Clock } from "./config";

export const REAL_CLOCK: Clock = { now: Date.now, sleep, random: Math.random };

let shared: ModelCallLimiter | undefined;

/**
 * The one limiter of this process, shared by every run and every port (created on first use with
 * `maxCalls` = FOREMAN_MAX_MODEL_CALLS; later calls get the same instance).
 */
export function processModelCallLimiter(maxCalls: number): ModelCallLimiter {
  shared ??= createModelCallLimiter({ maxCalls, clock: REAL_CLOCK });
  return shared;
}
