import { degrees, PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { ingestDocument } from "@/lib/documents/ingest";
import type { PdfTextRun } from "@/lib/documents/parse-in-worker";
import { layoutPage } from "@/lib/documents/pdf-layout";

const BODY = Array.from({ length: 20 }, (_, i) => `Body line ${i + 1} of the paper, with enough words to fill the column.`);

/** A page of 20 body lines with a margin note up the left side and a diagonal watermark across the body (built here with pdf-lib). */
async function paperWithMarginNote(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const page = pdf.addPage([612, 792]);
  BODY.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - i * 14, size: 11, font }));
  // At the height of body line 15, where an upright reading would splice it into that line.
  page.drawText("arXiv:2401.01234v1 [cs.CL] 2 Jan 2024", { x: 30, y: 504, size: 14, font, rotate: degrees(90) });
  page.drawText("DRAFT - DO NOT CIRCULATE", { x: 150, y: 392, size: 30, font, rotate: degrees(45) });
  return pdf.save();
}

describe("rotated text in a PDF", () => {
  it("follows the page's text as lines of its own instead of being spliced into a row", async () => {
    const document = await ingestDocument({ bytes: await paperWithMarginNote(), fileName: "paper.pdf" });
    expect(document.text).toBe(`${BODY.join("\n")}\n\narXiv:2401.01234v1 [cs.CL] 2 Jan 2024\nDRAFT - DO NOT CIRCULATE`);
    expect(document.pages).toEqual([{ number: 1, start: 0, end: document.text.length }]);
  });

  it("layoutPage keeps rotated runs out of the rows and the column search", () => {
    const upright = (str: string, x: number, y: number): PdfTextRun => ({ str, x, y, width: str.length * 5, height: 10, hasEOL: false });
    const rows = [upright("Left one", 72, 700), upright("Right one", 330, 700), upright("Left two", 72, 688), upright("Right two", 330, 688)];
    // A rotated run whose (horizontal) width would cross any gutter, on the first row's baseline.
    const note = { ...upright("a note up the margin", 30, 700), width: 400, rotated: true as const };
    expect(layoutPage([note, ...rows])).toBe(layoutPage(rows) + "\n\na note up the margin");
  });
});
