import { ForemanError } from "../engine/errors";
import { layoutDocx } from "./docx-layout";
import { readDocxParts, type DocxParts } from "./docx-parts";
import { parseInWorker } from "./parse-in-worker";
import { firstLine, normaliseText } from "./text";
import { declaredUncompressedSize, measureInflatedSize, type ZipEntry } from "./zip";

export type DocxText = { text: string; title: string | undefined; comments: number };

const MB = 1024 * 1024;

export async function extractDocx(input: {
  bytes: Uint8Array;
  entries: readonly ZipEntry[];
  fileName: string;
  maxUncompressedBytes: number;
  timeoutMs: number;
  maxHeapMb: number;
}): Promise<DocxText> {
  const { bytes, entries, fileName, maxUncompressedBytes: limit } = input;
  guardAgainstZipBomb({ bytes, entries, fileName, limit });
  let laidOut: { text: string; comments: number };
  let parts: DocxParts;
  try {
    const parsed = await parseInWorker({ job: { kind: "docx", bytes }, fileName, timeoutMs: input.timeoutMs, maxHeapMb: input.maxHeapMb });
    if (parsed.kind !== "docx") throw new ForemanError("internal", `unexpected parser result for "${fileName}"`);
    parts = readDocxParts(bytes);
    laidOut = layoutDocx(parsed.document, parts);
  } catch (error) {
    if (error instanceof ForemanError) throw error;
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
    throw new ForemanError("document_corrupt", `"${fileName}" could not be read: the Word document is damaged (${detail}).`, {
      cause: error,
    });
  }
  const text = normaliseText(laidOut.text).trimEnd();
  if (text.trim() === "") {
    throw new ForemanError("document_no_text", `"${fileName}" contains no text (only images or empty pages?); OCR is not supported.`);
  }
  return { text, title: parts.title ?? firstLine(text), comments: laidOut.comments };
}

/**
 * Runs before mammoth, which would inflate everything in memory. The declared sizes catch
 * an honest bomb for free; a real inflate with a byte budget catches one that lies about
 * its sizes in the directory.
 */
function guardAgainstZipBomb(input: { bytes: Uint8Array; entries: readonly ZipEntry[]; fileName: string; limit: number }): void {
  const { bytes, entries, fileName, limit } = input;
  const tooLarge = (size: number, how: string) =>
    new ForemanError(
      "document_too_large",
      `"${fileName}": ${how} decompressed size ${formatSize(size)} exceeds the ${formatSize(limit)} limit, possibly a zip bomb.`,
    );
  const declared = declaredUncompressedSize(entries);
  if (declared > limit) throw tooLarge(declared, "declared");
  let actual: number;
  try {
    actual = measureInflatedSize(bytes, entries, limit);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
    throw new ForemanError("document_corrupt", `"${fileName}" could not be read: the Word document is damaged (${detail}).`, {
      cause: error,
    });
  }
  if (actual > limit) throw tooLarge(actual, "actual");
}

function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return "over 4 GB";
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
