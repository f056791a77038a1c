import { ForemanError } from "../engine/errors";
import type { DocumentPage } from "./document";
import { firstLine, normaliseText } from "./text";

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type TextItems = Awaited<ReturnType<import("pdfjs-dist").PDFPageProxy["getTextContent"]>>["items"];

let pdfjsLoading: Promise<Pdfjs> | undefined;

/**
 * Loaded on first use: pdf.js is megabytes of code that text uploads never need. In Node,
 * pdf.js runs its "worker" in-process and would `import("./pdf.worker.mjs")` relative to
 * itself, which breaks once a bundler relocates the file; registering the worker module on
 * `globalThis.pdfjsWorker` (which pdf.js checks first) works in Node, Vitest and Next alike.
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoading ??= (async () => {
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    const scope = globalThis as { pdfjsWorker?: unknown };
    scope.pdfjsWorker ??= worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })().catch((error: unknown) => {
    pdfjsLoading = undefined;
    throw error;
  });
  return pdfjsLoading;
}

export type PdfText = { text: string; pages: DocumentPage[]; title: string | undefined };

export async function extractPdf(input: {
  bytes: Uint8Array;
  fileName: string;
  maxPages: number;
  signal: AbortSignal;
}): Promise<PdfText> {
  const { fileName, signal } = input;
  const pdfjs = await loadPdfjs();
  signal.throwIfAborted();
  let task: ReturnType<Pdfjs["getDocument"]>;
  try {
    task = pdfjs.getDocument({
      // A fresh copy: pdf.js detaches the buffer it is given, and `Buffer#slice` would only
      // be a view of the caller's memory (possibly Node's shared pool).
      data: new Uint8Array(input.bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    });
  } catch (error) {
    throw classifyPdfError(error, fileName);
  }
  const destroy = () => void task.destroy();
  signal.addEventListener("abort", destroy, { once: true });
  try {
    const pdf = await task.promise;
    if (pdf.numPages > input.maxPages) {
      throw new ForemanError(
        "document_too_many_pages",
        `"${fileName}" has ${pdf.numPages} pages; the limit is ${input.maxPages}. Split it and upload the part you need.`,
      );
    }
    if (pdf.numPages === 0) throw new ForemanError("document_corrupt", `"${fileName}" could not be read: the PDF has no pages.`);
    let text = "";
    const pages: DocumentPage[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      signal.throwIfAborted();
      const page = await pdf.getPage(number);
      const pageText = normaliseText(layoutPage((await page.getTextContent()).items));
      page.cleanup();
      if (number > 1) text += "\n\n";
      pages.push({ number, start: text.length, end: text.length + pageText.length });
      text += pageText;
    }
    if (text.trim() === "") {
      throw new ForemanError("document_no_text", `"${fileName}": this PDF has no text layer (scanned?); OCR is not supported.`);
    }
    return { text, pages, title: metadataTitle(await pdf.getMetadata()) ?? firstLine(text) };
  } catch (error) {
    if (error instanceof ForemanError) throw error;
    signal.throwIfAborted(); // a timeout, not a broken file: let the caller report that
    throw classifyPdfError(error, fileName);
  } finally {
    signal.removeEventListener("abort", destroy);
    await task.destroy();
  }
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
function layoutPage(items: TextItems): string {
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const item of items) {
    if (!("str" in item)) continue;
    const y = Number(item.transform[5] ?? 0);
    const height = item.height || Math.abs(Number(item.transform[3] ?? 0));
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

function metadataTitle(metadata: { info: object }): string | undefined {
  const title = "Title" in metadata.info ? metadata.info.Title : undefined;
  if (typeof title !== "string") return undefined;
  // Word and print-to-PDF drivers stamp their own name or a placeholder as the title.
  const cleaned = title.replace(/^Microsoft (?:Word|PowerPoint) - /, "").trim();
  return cleaned === "" || /^(?:untitled|document\d*)$/i.test(cleaned) ? undefined : cleaned;
}
