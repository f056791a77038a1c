import { Document as DocxDocument, Packer, Paragraph } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { ingestDocument } from "@/lib/documents/ingest";
import { ForemanError } from "@/lib/engine/errors";

/**
 * The upload limit holds for the text a file unpacks to, whatever its compression ratio: a small
 * DOCX or PDF full of repeated text is refused with a message that says why. The files are built
 * here (highly compressible, so each is a few KB), never committed.
 */
const MB = 1024 * 1024;
const SENTENCE = "The Supplier shall deliver the Services in accordance with the Specification. ";

async function docxWithText(text: string): Promise<Uint8Array> {
  const doc = new DocxDocument({ sections: [{ children: [new Paragraph("Placeholder")] }] });
  const small = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const xml = strFromU8(small["word/document.xml"] as Uint8Array).replace("Placeholder", text);
  return zipSync({ ...small, "word/document.xml": strToU8(xml) }, { level: 9 });
}

/** `pages` pages of 40 lines × 1,000 characters (pdf.js reads one text run per line). */
async function pdfWithText(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const line = SENTENCE.repeat(Math.ceil(1000 / SENTENCE.length)).slice(0, 1000);
  for (let i = 0; i < pages; i++) {
    const page = pdf.addPage([600, 800]);
    for (let l = 0; l < 40; l++) page.drawText(line, { x: 10, y: 780 - l * 19, size: 1, font });
  }
  return pdf.save(); // content streams are flate-compressed
}

async function refusal(bytes: Uint8Array, fileName: string, options: Parameters<typeof ingestDocument>[1] = {}): Promise<ForemanError> {
  const error = await ingestDocument({ bytes, fileName }, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForemanError);
  return error as ForemanError;
}

describe("extracted text is capped at the upload limit", () => {
  it("refuses a small DOCX that unpacks past the default 20 MB upload limit (the zip guard follows the upload limit)", async () => {
    const bytes = await docxWithText(SENTENCE.repeat(Math.ceil((25 * MB) / SENTENCE.length)));
    expect(bytes.byteLength).toBeLessThan(MB); // far under the upload limit as a file
    const error = await refusal(bytes, "inflating.docx");
    expect(error.code).toBe("document_too_large");
    expect(error.message).toMatch(/"inflating\.docx": (?:declared|actual) decompressed size 2\d\.\d MB exceeds the 20\.0 MB limit/);
  });

  it("refuses a DOCX whose extracted text passes the upload limit even when the zip guard allows it", async () => {
    const bytes = await docxWithText(SENTENCE.repeat(Math.ceil((1.5 * MB) / SENTENCE.length)));
    const error = await refusal(bytes, "long.docx", { maxBytes: 1 * MB, maxDocxUncompressedBytes: 10 * MB });
    expect(error.code).toBe("document_too_large");
    expect(error.message).toMatch(/"long\.docx" holds 1\.\d MB of text once unpacked; the limit is 1\.0 MB/);
    // Under the limit the same construction is read normally.
    const fine = await ingestDocument({ bytes: await docxWithText(SENTENCE.repeat(100)), fileName: "short.docx" }, { maxBytes: 1 * MB, maxDocxUncompressedBytes: 10 * MB });
    expect(fine.text).toContain("The Supplier shall deliver");
  });

  it("stops reading a PDF whose flate streams hold more text than the upload limit", async () => {
    const bytes = await pdfWithText(40); // 1.6 million characters
    expect(bytes.byteLength).toBeLessThan(MB);
    const error = await refusal(bytes, "dense.pdf", { maxBytes: 1 * MB });
    expect(error.code).toBe("document_too_large");
    expect(error.message).toMatch(/"dense\.pdf" holds more text than the limit of 1,048,576 characters once its compressed streams are unpacked \(1,0\d\d,\d{3} characters in its first 2\d pages\)/);
  });
});
