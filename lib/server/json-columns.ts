import "server-only";
import { z } from "zod";
import { documentMetadataSchema, documentPageSchema, type DocumentMetadata } from "../documents/document";
import { runEventSchema, runLimitsSchema, type RunEvent } from "../engine/events";

/** JSON read back from the database is validated like any other input. */
export function parseEventPayload(payload: string): RunEvent {
  return runEventSchema.parse(JSON.parse(payload));
}

export function parsePages(json: string) {
  return z.array(documentPageSchema).parse(JSON.parse(json));
}

/** Older rows and rows written before a field existed read as "nothing recorded", never as an error. */
export function parseDocumentMetadata(json: string): DocumentMetadata {
  const parsed = documentMetadataSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}

export function parseLimits(json: string) {
  return runLimitsSchema.parse(JSON.parse(json));
}
