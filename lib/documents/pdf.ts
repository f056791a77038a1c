import { ForemanError } from "../engine/errors";
import type { DocumentPage } from "./document";
import { parseInWorker, type PdfTextRun } from "./parse-in-worker";
import { firstLine, normaliseText } from "./text";

export type PdfText = { text: string; pages: DocumentPage[]; title: string | undefined };

export async function extractPdf(input: { bytes: Uint8Array; fileName: string; maxPages: number; timeoutMs: number; maxHeapMb: number }): Promise<PdfText> {
  const { fileName } = input;
  let parsed;
  try {
    parsed = await parseInWorker({ job: { kind: "pdf", bytes: input.bytes, maxPages: input.maxPages }, fileName, timeoutMs: input.timeoutMs, maxHeapMb: input.maxHeapMb });
  } catch (error) {
    if (error instanceof ForemanError) throw error;
    throw classifyPdfError(error, fileName);
  }
  if (parsed.kind === "too-many-pages") {
    throw new ForemanError(
      "document_too_many_pages",
      `"${fileName}" has ${parsed.numPages} pages; the limit is ${input.maxPages}. Split it and upload the part you need.`,
    );
  }
  if (parsed.kind !== "pdf") throw new ForemanError("internal", `unexpected parser result for "${fileName}"`);
  if (parsed.pages.length === 0) throw new ForemanError("document_corrupt", `"${fileName}" could not be read: the PDF has no pages.`);
  let text = "";
  const pages: DocumentPage[] = [];
  parsed.pages.forEach((runs, index) => {
    const pageText = normaliseText(layoutPage(runs));
    if (index > 0) text += "\n\n";
    pages.push({ number: index + 1, start: text.length, end: text.length + pageText.length });
    text += pageText;
  });
  if (text.trim() === "") {
    throw new ForemanError("document_no_text", `"${fileName}": this PDF has no text layer (scanned?); OCR is not supported.`);
  }
  return { text, pages, title: cleanTitle(parsed.title) ?? firstLine(text) };
}

function classifyPdfError(error: unknown, fileName: string): ForemanError {
  const name = error instanceof Error ? error.name : "";
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
  if (name === "PasswordException") {
    return new ForemanError(
      "document_encrypted",
      `"${fileName}" is password-protected. Remove the password (or print it to a new PDF) and upload it again.`,
      { cause: error },
    );
  }
  return new ForemanError("document_corrupt", `"${fileName}" could not be read: the PDF is damaged or not a valid PDF (${detail}).`, {
    cause: error,
  });
}

type Line = { text: string; y: number; height: number };

/**
 * Rebuilds lines from positioned text runs: a break where pdf.js saw one (`hasEOL`) or
 * where the baseline moves, and a blank line where the vertical gap is clearly larger than
 * this page's usual line spacing, so paragraphs survive for the readers downstream.
 */
function layoutPage(items: readonly PdfTextRun[]): string {
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const item of items) {
    const { y, height } = item;
    if (item.str !== "") {
      if (current && Math.abs(current.y - y) > Math.max(current.height, height, 1) * 0.5) {
        lines.push(current);
        current = undefined;
      }
      if (current) current.text += item.str;
      else current = { text: item.str, y, height };
    }
    if (item.hasEOL && current) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);

  const steps = lines
    .slice(1)
    .map((line, i) => (lines[i]?.y ?? line.y) - line.y)
    .filter((step) => step > 0)
    .sort((a, b) => a - b);
  const usualStep = steps[Math.floor(steps.length / 2)] ?? 0;
  return lines
    .map((line, i) => {
      const text = line.text.trimEnd();
      const previous = lines[i - 1];
      if (!previous) return text;
      const step = previous.y - line.y;
      const paragraph = usualStep > 0 && step > usualStep * 1.6 && step > line.height * 1.2;
      return (paragraph ? "\n\n" : "\n") + text;
    })
    .join("")
    .replace(/^\n+|\s+$/g, "");
}

function cleanTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  // Word and print-to-PDF drivers stamp their own name or a placeholder as the title.
  const cleaned = title.replace(/^Microsoft (?:Word|PowerPoint) - /, "").trim();
  return cleaned === "" || /^(?:untitled|document\d*)$/i.test(cleaned) ? undefined : cleaned;
}
