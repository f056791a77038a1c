import { createHash } from "node:crypto";
import type { Document } from "../lib/documents/document";

export function makeBenchDocument(): Document {
  const text = "Benchmark document. ".repeat(50);
  return { title: "bench", fileName: "bench.txt", mediaType: "text/plain", format: "text", text, pages: [], byteSize: text.length, sha256: createHash("sha256").update(text).digest("hex") };
}
