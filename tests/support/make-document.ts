import { createHash } from "node:crypto";
import type { Document } from "@/lib/documents/document";

/** A plain-text Document for engine tests, without going through ingestion. */
export function makeDocument(text: string, overrides: Partial<Document> = {}): Document {
  return {
    title: "Test document",
    fileName: "test.txt",
    mediaType: "text/plain",
    format: "text",
    text,
    pages: [],
    byteSize: Buffer.byteLength(text),
    sha256: createHash("sha256").update(text).digest("hex"),
    ...overrides,
  };
}
