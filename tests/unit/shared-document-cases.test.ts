import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ingestDocument } from "@/lib/documents/ingest";
import { locateQuote } from "@/lib/engine/locate-quotes";

// The team's shared cases (tests/fixtures/shared-cases/CASES.md): what a reader sees in each.
const ingest = (name: string) =>
  ingestDocument({ bytes: new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/shared-cases/${name}`, import.meta.url)))), fileName: name });

describe("shared document cases", () => {
  it("rich-contract.docx: header, numbered clauses, footnote, comment, table, footer, tracked change", async () => {
    const doc = await ingest("rich-contract.docx");
    const text = doc.text;
    expect(text.startsWith("CONFIDENTIAL - DRAFT 3 - NOT FOR SIGNATURE\n\n")).toBe(true);
    expect(text).toContain("1. The Supplier's total liability is capped at EUR 100,000.[1]");
    expect(text).toContain("2. The Customer shall pay within sixty days of invoice.");
    expect(text).not.toContain("thirty");
    expect(text).toContain("3. Either party may terminate on 90 days' notice.[comment 1]");
    expect(text).toContain("[1] Except for liability arising from gross negligence, which is unlimited.");
    expect(text).toContain("[comment 1] Reviewer: Check this cap with finance.");
    expect(text).toContain("Service\tMonthly fee\nHosting\tEUR 4,000");
    expect(text).toContain("Governing law: England and Wales.");
    expect(doc.metadata?.comments).toBe(1);
  });

  it("two-column-rowwise.pdf: each sentence citable, the cross-column one not", async () => {
    const doc = await ingest("two-column-rowwise.pdf");
    expect(locateQuote(doc.text, "Section 1. The Supplier shall deliver the goods within thirty days of the order date.")).toBeDefined();
    expect(locateQuote(doc.text, "Section 2. The Customer shall pay each invoice within fourteen days of receipt.")).toBeDefined();
    expect(locateQuote(doc.text, "The Customer shall deliver the goods within thirty")).toBeUndefined();
  });

  it("hyphenated.pdf: Customer and including verified as copied, third-party keeps its hyphen", async () => {
    const doc = await ingest("hyphenated.pdf");
    expect(doc.text).toBe(
      "The Supplier shall indemnify the Customer against all third-party claims arising from the Services, including reasonable legal fees, without limitation.",
    );
    for (const quote of ["the Customer against", "Services, including reasonable", "all third-party claims"]) {
      const span = locateQuote(doc.text, quote);
      expect(span && doc.text.slice(span.start, span.end)).toBe(quote);
    }
  });

  it("entities-hidden.html: entities as a browser shows them, hidden passages left out and reported", async () => {
    const doc = await ingest("entities-hidden.html");
    for (const shown of ["0.3\u00a0μm", "5\u2009μg/m³", "λ = 0.05", "±2\u00a0%", "✓", "§4 & annex\u00a0Β"]) expect(doc.text).toContain(shown);
    expect(doc.text).not.toMatch(/ignore previous instructions|fume hood/);
    expect(doc.metadata?.hiddenPassages).toBe(2);
  });

  it("text-with-nul.txt: read, not refused as binary", async () => {
    const doc = await ingest("text-with-nul.txt");
    expect(doc.format).toBe("text");
    expect(doc.text).not.toContain("\u0000");
    expect(doc.metadata?.controlCharactersRemoved).toBe(1);
    expect(doc.text.split("\n").filter((line) => line.startsWith("2024-05-")).length).toBeGreaterThan(20);
  });
});
