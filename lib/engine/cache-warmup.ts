import type { EventSink } from "./events";
import type { Sleep } from "./retry";

/** How long the other workers wait for the first one's answer to begin before they go anyway. */
export const CACHE_WARMUP_MAX_WAIT_MS = 5_000;

export type WarmupGate = {
  /**
   * Called before a task's first call. The first caller passes at once (it writes the cache);
   * the others wait until `open()` or `maxWaitMs`, shown live as a `cache_warmup` wait.
   * Returns whether this caller is the leader.
   */
  enter(taskId: string): Promise<boolean>;
  /** The leader's answer has begun streaming (the cache entry is readable), or the leader ended. */
  open(): void;
};

/**
 * Cache-aware start of parallel workers: with a prompt cache, calls sent together all pay the
 * cache write (an entry is readable only once the writing response has begun,
 * https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching). So the first worker goes
 * alone; the rest follow as soon as its answer starts, or after `maxWaitMs` at the latest.
 */
export function createWarmupGate(options: { sink: EventSink; sleep: Sleep; now: () => Date; signal: AbortSignal; maxWaitMs?: number }): WarmupGate {
  const maxWaitMs = options.maxWaitMs ?? CACHE_WARMUP_MAX_WAIT_MS;
  let leader: string | undefined;
  let isOpen = false;
  let release!: () => void;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  const timer = new AbortController();
  const open = () => {
    if (isOpen) return;
    isOpen = true;
    timer.abort();
    release();
  };
  return {
    open,
    async enter(taskId) {
      if (isOpen) return false;
      if (leader === undefined) {
        leader = taskId;
        return true;
      }
      const until = new Date(options.now().getTime() + maxWaitMs).toISOString();
      await options.sink({ type: "model-wait", taskId, wait: { reason: "cache_warmup", until } });
      const timeout = options.sleep(maxWaitMs, AbortSignal.any([timer.signal, options.signal])).then(open, () => undefined);
      await Promise.race([opened, timeout]);
      if (!options.signal.aborted) await options.sink({ type: "model-wait", taskId, wait: null });
      return false;
    },
  };
}
