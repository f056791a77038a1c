import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ingestDocument } from "@/lib/documents/ingest";

// poppler's pdftotext is the reading-order reference (issue 10); CI installs it (scripts/ensure-poppler.sh).
const path = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Words with line-end hyphens joined and line breaks ignored (pdftotext keeps "Cus-\ntomer"). */
const words = (text: string): string[] =>
  text
    .normalize("NFC")
    .replace(/(\p{L})-\s*\n\s*(?=\p{L})/gu, "$1")
    .split(/\s+/)
    .filter(Boolean);

describe("PDF text against pdftotext", () => {
  it.each(["fidelity/two-column.pdf", "fidelity/hyphenated.pdf", "shared-cases/two-column-rowwise.pdf", "shared-cases/hyphenated.pdf", "contract.pdf"])(
    "%s reads word for word as pdftotext reads it",
    async (name) => {
      const reference = execFileSync("pdftotext", ["-enc", "UTF-8", path(name), "-"]).toString("utf8");
      const doc = await ingestDocument({ bytes: new Uint8Array(readFileSync(path(name))), fileName: name });
      expect(words(doc.text)).toEqual(words(reference));
    },
  );
});
