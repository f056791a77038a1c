import "server-only";
import { eventBus } from "./event-bus";
import { createEventWriter, type EventWriter } from "./event-writer";
import { sqlClient } from "./db";
import { processSingleton } from "./global-singleton";

/** Runs executing in this process, by id, with the controller that cancels each. */
export function activeRuns(): Map<string, { controller: AbortController; done: Promise<void> }> {
  return processSingleton("active-runs", () => new Map());
}

export function eventWriter(): EventWriter {
  return processSingleton("event-writer", () => createEventWriter({ client: sqlClient(), bus: eventBus() }));
}
