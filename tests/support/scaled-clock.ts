import { sleep } from "@/lib/engine/retry";
import type { Clock } from "@/lib/llm/claude/config";
import { seededRandom } from "../../bench/random-dag";

/** The benchmarks' small deterministic PRNG (mulberry32), for reproducible jitter. */
export { seededRandom };

/**
 * A clock that runs `factor` times faster than real time, shared by the port and the mock API: a
 * 15-second rate limit passes in 15 s / factor of real time, and every wait is still a real wait
 * (so ordering is decided by the code under test, not by a test's guess about timing).
 * `random` is injected so jitter is reproducible.
 */
export function scaledClock(factor: number, random: () => number = seededRandom(1)): Clock {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * factor,
    sleep: (ms, signal) => sleep(Math.max(0, Math.ceil(ms / factor)), signal),
    random,
  };
}

