import "server-only";
import { z } from "zod";
import { documentPageSchema } from "../documents/document";
import { runEventSchema, runLimitsSchema, type RunEvent } from "../engine/events";

/** JSON read back from the database is validated like any other input. */
export function parseEventPayload(payload: string): RunEvent {
  return runEventSchema.parse(JSON.parse(payload));
}

export function parsePages(json: string) {
  return z.array(documentPageSchema).parse(JSON.parse(json));
}

export function parseLimits(json: string) {
  return runLimitsSchema.parse(JSON.parse(json));
}
