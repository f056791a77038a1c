import "server-only";
import type { RunEvent } from "../engine/events";
import type { RunState } from "../engine/run-state";
import type { PrismaClient } from "../generated/prisma/client";
import type { EventBus } from "./event-bus";
import { runRowFromState, taskRowFromState, tasksTouchedBy } from "./projection";

type Pending = { event: RunEvent; state: RunState; resolve: () => void; reject: (e: unknown) => void };

export type EventWriter = {
  /** Resolves once the event is committed and published. `state` is the run's state after it. */
  append(event: RunEvent, state: RunState): Promise<void>;
  /** Resolves when everything queued so far is committed. */
  flush(): Promise<void>;
};

/**
 * One writer per process. Events of all runs queue here and are committed in batches, one
 * transaction per batch (events plus the Run/Task projections they change), then published to
 * live subscribers in order. Batching keeps SQLite's single writer from becoming the bottleneck,
 * and committing before publishing means a subscriber never sees an event the log lacks.
 */
export function createEventWriter(options: { db: PrismaClient; bus: EventBus }): EventWriter {
  let queue: Pending[] = [];
  let writing: Promise<void> | undefined;

  const writeBatch = async (batch: Pending[]) => {
    const lastByRun = new Map<string, RunState>();
    const touched = new Map<string, Set<string>>();
    for (const item of batch) {
      lastByRun.set(item.event.runId, item.state);
      const ids = tasksTouchedBy(item.event, item.state);
      if (ids.length > 0) {
        const set = touched.get(item.event.runId) ?? new Set<string>();
        ids.forEach((id) => set.add(id));
        touched.set(item.event.runId, set);
      }
    }
    const { db } = options;
    const ops = [
      db.runEvent.createMany({
        data: batch.map(({ event }) => ({ runId: event.runId, seq: event.seq, type: event.type, payload: JSON.stringify(event), at: new Date(event.at) })),
      }),
      ...[...lastByRun].map(([runId, state]) => db.run.update({ where: { id: runId }, data: runRowFromState(state) })),
      ...[...touched].flatMap(([runId, ids]) => {
        const state = lastByRun.get(runId) as RunState;
        return [...ids].flatMap((taskId) => {
          const task = state.tasks[taskId];
          if (!task) return [];
          const row = taskRowFromState(task);
          return [db.task.upsert({ where: { runId_taskId: { runId, taskId } }, create: { runId, taskId, ...row }, update: row })];
        });
      }),
    ];
    await db.$transaction(ops);
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await writeBatch(batch);
      } catch (error) {
        batch.forEach((item) => item.reject(error));
        continue;
      }
      for (const item of batch) {
        options.bus.publish(item.event);
        item.resolve();
      }
    }
    writing = undefined;
  };

  return {
    append(event, state) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ event, state, resolve, reject });
        writing ??= Promise.resolve().then(drain);
      });
    },
    async flush() {
      while (writing) await writing;
    },
  };
}
