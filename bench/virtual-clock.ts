/**
 * Discrete-event time for the scheduler benchmark: tasks "take" simulated milliseconds, so a
 * 200-task DAG with multi-second latencies runs in milliseconds of real time.
 */
export function createVirtualClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    wait(ms: number): Promise<void> {
      return new Promise((resolve) => {
        timers.push({ at: now + ms, resolve });
      });
    },
    /** Advances time event by event until `done` settles. */
    async runUntil(done: Promise<unknown>): Promise<void> {
      let finished = false;
      void done.finally(() => (finished = true));
      await flushMicrotasks();
      while (!finished) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) {
          await flushMicrotasks();
          if (!finished && timers.length === 0) throw new Error("virtual clock: nothing scheduled but the run is not done");
          continue;
        }
        now = next.at;
        next.resolve();
        await flushMicrotasks();
      }
    },
  };
}
