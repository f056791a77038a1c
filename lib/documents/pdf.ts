import { ForemanError } from "../engine/errors";
import type { DocumentPage } from "./document";
import { parseInWorker } from "./parse-in-worker";
import { documentVocabulary, layoutPage } from "./pdf-layout";
import { firstLine, normaliseText } from "./text";

export type PdfText = { text: string; pages: DocumentPage[]; title: string | undefined };

/** `maxTextChars`: text beyond this (however well the PDF's streams compress it) is refused. */
export async function extractPdf(input: { bytes: Uint8Array; fileName: string; maxPages: number; maxTextChars: number; timeoutMs: number; maxHeapMb: number }): Promise<PdfText> {
  const { fileName } = input;
  let parsed;
  try {
    parsed = await parseInWorker({ job: { kind: "pdf", bytes: input.bytes, maxPages: input.maxPages, maxTextChars: input.maxTextChars }, fileName, timeoutMs: input.timeoutMs, maxHeapMb: input.maxHeapMb });
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
  if (parsed.kind === "too-much-text") {
    throw new ForemanError(
      "document_too_large",
      `"${fileName}" holds more text than the limit of ${formatChars(input.maxTextChars)} once its compressed streams are unpacked (${formatChars(parsed.chars)} in its first ${parsed.pagesRead} pages); the upload limit applies to the extracted text, whatever the file's size.`,
    );
  }
  if (parsed.kind !== "pdf") throw new ForemanError("internal", `unexpected parser result for "${fileName}"`);
  if (parsed.pages.length === 0) throw new ForemanError("document_corrupt", `"${fileName}" could not be read: the PDF has no pages.`);
  let text = "";
  const pages: DocumentPage[] = [];
  const vocabulary = documentVocabulary(parsed.pages);
  parsed.pages.forEach((runs, index) => {
    const pageText = normaliseText(layoutPage(runs, vocabulary));
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

function cleanTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  // Word and print-to-PDF drivers stamp their own name or a placeholder as the title.
  const cleaned = title.replace(/^Microsoft (?:Word|PowerPoint) - /, "").trim();
  return cleaned === "" || /^(?:untitled|document\d*)$/i.test(cleaned) ? undefined : cleaned;
}

function formatChars(chars: number): string {
  return `${chars.toLocaleString("en-US")} characters`;
}
