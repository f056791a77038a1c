import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ingestDocument } from "@/lib/documents/ingest";
import { configureParseGate } from "@/lib/documents/parse-gate";
import { parserPool } from "@/lib/documents/parse-in-worker";
import { ForemanError } from "@/lib/engine/errors";

/**
 * A PDF read by two parser threads at once (each one half of its pages) gives exactly the text,
 * page spans and limits that one thread gives. Files are built here with pdf-lib.
 */
const HEAP_MB = 512;

afterEach(async () => {
  vi.restoreAllMocks();
  configureParseGate({ maxConcurrent: 2, maxQueued: 8 });
  await parserPool().close();
});

/** `pages` pages; page n holds "Page n." and `lines` lines of text. */
async function numberedPdf(pages: number, lines = 3): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage([600, 800]);
    page.drawText(`Page ${n}.`, { x: 50, y: 750, size: 12, font });
    for (let l = 0; l < lines; l++) page.drawText(`Line ${l + 1} of page ${n}: the Supplier shall deliver the Services.`, { x: 50, y: 720 - l * 16, size: 10, font });
  }
  return pdf.save();
}

/** Ingests with two ready threads and two free slots (may split), or with one slot (never splits); counts the parser jobs. */
async function ingest(bytes: Uint8Array, { split }: { split: boolean }, options: Parameters<typeof ingestDocument>[1] = {}) {
  configureParseGate({ maxConcurrent: split ? 2 : 1, maxQueued: 8 });
  await parserPool().close();
  if (split) await parserPool().keepWarm({ heapMb: HEAP_MB, threads: 2 });
  const run = vi.spyOn(parserPool(), "run");
  try {
    const document = await ingestDocument({ bytes, fileName: "numbered.pdf" }, { maxParseMemoryMb: HEAP_MB, ...options });
    return { document, parts: run.mock.calls.map(([job]) => job.part) };
  } finally {
    run.mockRestore();
  }
}

describe("a PDF read in two parts", () => {
  it("reads a long PDF in two threads when two are ready, with the same text and page spans as one thread", async () => {
    const bytes = await numberedPdf(13);
    const two = await ingest(bytes, { split: true });
    const one = await ingest(bytes, { split: false });
    expect(two.parts).toEqual([
      { index: 0, of: 2, minPages: 8 },
      { index: 1, of: 2, minPages: 8 },
    ]);
    expect(one.parts).toEqual([{ index: 0, of: 1, minPages: 8 }]);
    expect(two.document.text).toBe(one.document.text);
    expect(two.document.pages).toEqual(one.document.pages);
    expect(two.document.pages).toHaveLength(13);
    two.document.pages.forEach((page, i) => expect(two.document.text.slice(page.start, page.end)).toMatch(new RegExp(`^Page ${i + 1}\\.\\n+Line 1 of page ${i + 1}:`)));
  });

  it("a short PDF is read whole by the first part", async () => {
    const { document, parts } = await ingest(await numberedPdf(5), { split: true });
    expect(parts).toHaveLength(2);
    expect(document.pages).toHaveLength(5);
    expect(document.text.slice(document.pages[4]?.start, document.pages[4]?.end)).toMatch(/^Page 5\.\n/);
  });

  it("holds the text limit for the whole document, reporting the page where one thread would have stopped", async () => {
    const bytes = await numberedPdf(20, 40); // ~2,200 characters a page; each half is under the limit
    const limit = 30_000;
    const refusal = async (split: boolean) => ingest(bytes, { split }, { maxBytes: limit }).then(() => undefined, (e: unknown) => e);
    const [two, one] = [await refusal(true), await refusal(false)];
    expect(two).toBeInstanceOf(ForemanError);
    expect((two as ForemanError).code).toBe("document_too_large");
    expect((two as ForemanError).message).toMatch(/\(3\d,\d{3} characters in its first 1\d pages\)/);
    expect((two as ForemanError).message).toBe((one as ForemanError).message);
  });
});
