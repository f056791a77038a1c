import "server-only";
import { randomUUID } from "node:crypto";
import type { Document } from "../documents/document";

/** The Document row of an ingested document (a fresh id: one row per run that reads it). */
export function documentRow(document: Document) {
  return {
    id: randomUUID(),
    sha256: document.sha256,
    fileName: document.fileName,
    title: document.title,
    mediaType: document.mediaType,
    format: document.format,
    language: document.language ?? null,
    byteSize: document.byteSize,
    text: document.text,
    pagesJson: JSON.stringify(document.pages),
    metadataJson: JSON.stringify(document.metadata ?? {}),
  };
}
