import "server-only";
import { eventBus } from "./event-bus";
import { createEventWriter, type EventWriter } from "./event-writer";
import { sqlDatabase } from "./db";
import { processSingleton } from "./global-singleton";
import { executorId } from "./run-lease";

/** Runs executing in this process, by id, with the controller that cancels each. */
export function activeRuns(): Map<string, { controller: AbortController; done: Promise<void> }> {
  return processSingleton("active-runs", () => new Map());
}

/** The process's event writer; it appends only for runs whose lease this executor holds. */
export function eventWriter(): EventWriter {
  return processSingleton("event-writer", () => createEventWriter({ database: sqlDatabase(), bus: eventBus(), owner: executorId() }));
}
