import { ForemanError } from "../engine/errors";
import { tryParseSlot, withParseSlot } from "./parse-gate";
import { parserPool, runParser, type ParseResult } from "./parse-in-worker";

/** A PDF parse's outcome: text runs per page, or the limit it stopped at. */
export type PdfParse = Exclude<ParseResult, { kind: "docx" }>;

/**
 * Shorter documents are read by one thread: a second would load the same fonts again and start a
 * document for a few pages' gain.
 */
const MIN_SPLIT_PAGES = 8;

/**
 * Reads a PDF's text runs in parser threads (parse-in-worker.ts). In one thread; or, when another
 * parse slot is free (no other upload waits for it) and a second warm thread is idle, in two at
 * once, each reading one half of the pages (a document under MIN_SPLIT_PAGES pages is read by
 * the first alone), the halves joined in page order. Each thread has the deadline and the heap
 * cap; the memory watch of each sees the whole process, so the two together stay within the
 * cap; `maxTextChars` holds for the whole document. When one part fails, the other is stopped.
 * @throws ForemanError as parseInWorker does (deadline, memory, server busy); ParserError for a parser failure
 */
export async function parsePdfInParts(input: { bytes: Uint8Array; maxPages: number; maxTextChars: number; fileName: string; timeoutMs: number; maxHeapMb: number }): Promise<PdfParse> {
  const { bytes, maxPages, maxTextChars, fileName, timeoutMs, maxHeapMb } = input;
  return withParseSlot(fileName, async () => {
    const releaseSecond = parserPool().idleThreads(maxHeapMb) >= 2 ? tryParseSlot() : undefined;
    try {
      const of = releaseSecond ? 2 : 1;
      const abort = new AbortController();
      const parts = await Promise.all(
        Array.from({ length: of }, (_, index) =>
          runParser({ job: { kind: "pdf", bytes, maxPages, maxTextChars, part: { index, of, minPages: MIN_SPLIT_PAGES } }, fileName, timeoutMs, maxHeapMb }, abort.signal).then(
            (run) => run.result,
            (error: unknown) => {
              abort.abort(error);
              throw error;
            },
          ),
        ),
      );
      return joinParts(parts, maxTextChars);
    } finally {
      releaseSecond?.();
    }
  });
}

/** The parts' pages in order; a page limit any part hit, or the text limit the parts pass together. */
function joinParts(parts: readonly ParseResult[], maxTextChars: number): PdfParse {
  const tooManyPages = parts.find((part) => part.kind === "too-many-pages");
  if (tooManyPages) return tooManyPages;
  const joined: PdfParse & { kind: "pdf" } = { kind: "pdf", pages: [], title: undefined };
  let chars = 0;
  for (const part of parts) {
    switch (part.kind) {
      case "too-much-text":
        // Parts are runs of consecutive pages, so the pages before this one were all read.
        return { kind: "too-much-text", chars: chars + part.chars, pagesRead: joined.pages.length + part.pagesRead };
      case "pdf":
        joined.title ??= part.title;
        // Page by page, so a document over the limit is reported as one thread reading it would.
        for (const page of part.pages) {
          joined.pages.push(page);
          chars += page.reduce((sum, run) => sum + run.str.length, 0);
          if (chars > maxTextChars) return { kind: "too-much-text", chars, pagesRead: joined.pages.length };
        }
        break;
      case "too-many-pages":
      case "docx":
        throw new ForemanError("internal", `unexpected parser result "${part.kind}" for a PDF part`);
    }
  }
  return joined;
}
