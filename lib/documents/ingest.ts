import { createHash } from "node:crypto";
import { ForemanError } from "../engine/errors";
import { DOCX_MEDIA_TYPE, sniff } from "./detect";
import type { Document, DocumentMetadata, TextEncoding } from "./document";
import { extractDocx } from "./docx";
import { htmlToText } from "./html";
import { extractPdf } from "./pdf";
import { withParseSlot } from "./parse-gate";
import { checkInflatedSize } from "./pdf-inflate-scan";
import { classifyText, countControlCharacters, firstLine, looksLikeMarkdown, normaliseText, titleForText, toTitle } from "./text";

export type IngestOptions = {
  /** Largest upload accepted, checked before any parsing. Default 20 MB. */
  maxBytes?: number;
  /** Default 500. */
  maxPdfPages?: number;
  /** Total inflated size a .docx may reach (zip-bomb guard). Default: `maxBytes`, the upload limit. */
  maxDocxUncompressedBytes?: number;
  /** Time a PDF or DOCX parser may take before it is stopped. Default 20 000 ms. */
  parseTimeoutMs?: number;
  /** Heap a PDF or DOCX parser may use (its own worker thread). Default 512 MB. */
  maxParseMemoryMb?: number;
  /** What a PDF's compressed streams may inflate to, each and in total, checked before pdf.js reads it (pdf-inflate-scan.ts). Default 256 MB. */
  maxInflatedBytes?: number;
};

const MB = 1024 * 1024;
const DEFAULTS: Required<IngestOptions> = {
  maxBytes: 20 * MB,
  maxPdfPages: 500,
  // Replaced by `maxBytes` unless set: what a file unpacks to is held to the upload limit too.
  maxDocxUncompressedBytes: 20 * MB,
  parseTimeoutMs: 20_000,
  maxParseMemoryMb: 512,
  maxInflatedBytes: 256 * MB,
};

export const PDF_MEDIA_TYPE = "application/pdf";

const SUPPORTED = "Foreman reads PDF, Word (.docx), HTML, Markdown, plain text and source code.";

function resolveOptions(options: IngestOptions): Required<IngestOptions> {
  const resolved = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof IngestOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new ForemanError("invalid_input", `Ingest option ${key} must be a positive number, got ${value}.`);
    }
    resolved[key] = value;
  }
  if (options.maxDocxUncompressedBytes === undefined) resolved.maxDocxUncompressedBytes = resolved.maxBytes;
  return resolved;
}

/**
 * The upload limit applies to the text a file unpacks to, not only to its bytes: a few KB of
 * compressed PDF or DOCX can hold tens of MB of text, which every later step would pay for.
 */
function capExtractedText(text: string, fileName: string, maxBytes: number): string {
  const size = Buffer.byteLength(text, "utf8");
  if (size <= maxBytes) return text;
  throw new ForemanError(
    "document_too_large",
    `"${fileName}" holds ${formatMb(size)} of text once unpacked; the limit is ${formatMb(maxBytes)} (the upload limit applies to the extracted text, whatever the file's compression).`,
  );
}

function formatMb(bytes: number): string {
  return `${(bytes / MB).toFixed(bytes < MB ? 2 : 1)} MB`;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Browsers send "C:\fakepath\x.pdf" and some clients send full paths; only the name matters. */
function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop()?.trim() ?? "";
  return name === "" ? "untitled" : name;
}

/**
 * Turns uploaded bytes into a `Document`. The type is judged from the content, never from
 * the name alone; size limits come first so nothing oversized is ever parsed. Every failure
 * is a `ForemanError` whose message can be shown to the user as is.
 */
export async function ingestDocument(
  input: { bytes: Uint8Array; fileName: string; declaredMediaType?: string },
  options: IngestOptions = {},
): Promise<Document> {
  const limits = resolveOptions(options);
  const fileName = baseName(input.fileName);
  const { bytes } = input;
  if (bytes.byteLength === 0) throw new ForemanError("document_empty", `"${fileName}" is empty (0 bytes).`);
  if (bytes.byteLength > limits.maxBytes) {
    throw new ForemanError(
      "document_too_large",
      `"${fileName}" is ${formatMb(bytes.byteLength)}; the limit is ${formatMb(limits.maxBytes)}.`,
    );
  }
  const base = { fileName, byteSize: bytes.byteLength, sha256: sha256(bytes) };
  const sniffed = sniff({ bytes, fileName, declaredMediaType: input.declaredMediaType });
  switch (sniffed.kind) {
    case "pdf": {
      // The pre-scan costs CPU on this thread: it takes a parser slot (FOREMAN_MAX_PARSES) and the parser's deadline.
      await withParseSlot(fileName, () => checkInflatedSize({ bytes, fileName, maxInflatedBytes: limits.maxInflatedBytes, deadlineMs: limits.parseTimeoutMs }));
      const pdf = await extractPdf({ bytes, fileName, maxPages: limits.maxPdfPages, maxTextChars: limits.maxBytes, timeoutMs: limits.parseTimeoutMs, maxHeapMb: limits.maxParseMemoryMb });
      return { ...base, title: toTitle(pdf.title, fileName), mediaType: PDF_MEDIA_TYPE, format: "pdf", text: capExtractedText(pdf.text, fileName, limits.maxBytes), pages: pdf.pages };
    }
    case "docx": {
      const docx = await extractDocx({
        bytes,
        entries: sniffed.entries,
        fileName,
        maxUncompressedBytes: limits.maxDocxUncompressedBytes,
        timeoutMs: limits.parseTimeoutMs,
        maxHeapMb: limits.maxParseMemoryMb,
      });
      const comments = docx.comments > 0 ? { metadata: { comments: docx.comments } } : {};
      return { ...base, title: toTitle(docx.title, fileName), mediaType: DOCX_MEDIA_TYPE, format: "docx", text: capExtractedText(docx.text, fileName, limits.maxBytes), pages: [], ...comments };
    }
    case "damaged-docx":
      throw new ForemanError("document_corrupt", `"${fileName}" could not be read: the Word document is damaged (its zip directory is missing).`);
    case "unsupported":
      throw new ForemanError("document_unsupported_type", `"${fileName}" has an unsupported type: this looks like ${sniffed.looksLike}. ${SUPPORTED}`);
    case "text":
      return fromText({ ...base, text: sniffed.text, encoding: sniffed.encoding, declaredMediaType: input.declaredMediaType });
  }
}

function fromText(input: { fileName: string; byteSize: number; sha256: string; text: string; encoding: TextEncoding; declaredMediaType?: string }): Document {
  const { text: raw, declaredMediaType, encoding, ...base } = input;
  const text = normaliseText(raw);
  const removed = countControlCharacters(raw);
  const metadata: DocumentMetadata = { encoding, ...(removed > 0 ? { controlCharactersRemoved: removed } : {}) };
  if (text.trim() === "") throw new ForemanError("document_empty", `"${base.fileName}" contains only whitespace.`);
  const kind = classifyText({ fileName: base.fileName, text, declaredMediaType });
  switch (kind.format) {
    case "html": {
      // Synchronous and linear, so no timeout: it cannot be interrupted and cannot hang.
      const html = htmlToText(text);
      html.text = normaliseText(html.text); // entities can spell decomposed or control characters
      if (html.text.trim() === "") {
        throw new ForemanError("document_no_text", `"${base.fileName}" is an HTML page with no readable text.`);
      }
      const hidden = html.hiddenPassages > 0 ? { hiddenPassages: html.hiddenPassages } : {};
      return { ...base, ...kind, title: toTitle(html.title ?? firstLine(html.text), base.fileName), text: html.text, pages: [], metadata: { ...metadata, ...hidden } };
    }
    case "code":
      return { ...base, ...kind, title: titleForText(text, "code", base.fileName), text, pages: [], metadata };
    case "markdown":
    case "text":
      return { ...base, ...kind, title: titleForText(text, kind.format, base.fileName), text, pages: [], metadata };
  }
}

/** Pasted text: Markdown when it looks like Markdown, plain text otherwise. */
export async function ingestText(input: { text: string; title?: string }, options: IngestOptions = {}): Promise<Document> {
  const limits = resolveOptions(options);
  const bytes = new TextEncoder().encode(input.text);
  if (bytes.byteLength > limits.maxBytes) {
    throw new ForemanError("document_too_large", `The pasted text is ${formatMb(bytes.byteLength)}; the limit is ${formatMb(limits.maxBytes)}.`);
  }
  const text = normaliseText(input.text);
  if (text.trim() === "") throw new ForemanError("document_empty", "The pasted text is empty.");
  const markdown = looksLikeMarkdown(text);
  const format = markdown ? "markdown" : "text";
  const fileName = markdown ? "pasted-text.md" : "pasted-text.txt";
  const title = input.title?.trim() ? toTitle(input.title, fileName) : titleForText(text, format, fileName);
  return {
    title,
    fileName,
    mediaType: markdown ? "text/markdown" : "text/plain",
    format,
    text,
    pages: [],
    byteSize: bytes.byteLength,
    sha256: sha256(bytes),
  };
}
