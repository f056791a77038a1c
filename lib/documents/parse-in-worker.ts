import path from "node:path";
import { ForemanError } from "../engine/errors";
import type { DocxModel } from "./docx-layout";
import { parseGateLimits, withParseSlot } from "./parse-gate";
import { ParserPool, type ThreadRun } from "./parser-pool";

/**
 * One pdf.js text item: `x`/`y` its baseline start, `width`/`height` its extent, all in PDF points
 * (along its own baseline when `rotated`: set at an angle, e.g. a margin note up the page side).
 */
export type PdfTextRun = { str: string; x: number; y: number; width: number; height: number; hasEOL: boolean; rotated?: true };

/** `maxTextChars`: the PDF parser stops (→ "too-much-text") once the extracted text passes it. */
export type ParseJob = { kind: "pdf"; bytes: Uint8Array; maxPages: number; maxTextChars: number } | { kind: "docx"; bytes: Uint8Array };

export type ParseResult =
  | { kind: "pdf"; pages: PdfTextRun[][]; title: string | undefined }
  | { kind: "too-many-pages"; numPages: number }
  | { kind: "too-much-text"; chars: number; pagesRead: number }
  | { kind: "docx"; document: DocxModel };

export { ParserError } from "./parser-pool";

/**
 * Parses untrusted bytes in a worker thread with a heap cap and a deadline. Past the deadline the
 * worker is terminated — really stopped, even inside a parser that cannot be interrupted — and a
 * file that needs more memory than allowed kills only its worker. The server stays healthy.
 * A thread that finished normally stays warm for the next parse (see parser-pool.ts).
 */
export async function parseInWorker(input: { job: ParseJob; fileName: string; timeoutMs: number; maxHeapMb: number }): Promise<ParseResult> {
  return (await parseInWorkerThread(input)).result;
}

/** Parses one thread may do before it is replaced, so leaks in the parsers cannot accumulate. */
const MAX_PARSES_PER_THREAD = 50;
/** An unused warm thread is stopped after this long, giving its memory back. */
const IDLE_TIMEOUT_MS = 60_000;
const POOL_KEY = Symbol.for("foreman.parser-pool");

/**
 * The process's parser threads (kept on globalThis, since Next bundles routes and actions
 * separately): up to FOREMAN_MAX_PARSES of them stay warm between parses.
 */
export function parserPool(): ParserPool {
  const store = globalThis as unknown as Record<symbol, ParserPool | undefined>;
  // Resolved from the project root, where the app, the tests and the CLI all run: the worker is
  // started by path, outside the bundle.
  const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "documents", "parse-worker.mjs");
  store[POOL_KEY] ??= new ParserPool({ script, maxIdle: () => parseGateLimits().maxConcurrent, maxParsesPerThread: MAX_PARSES_PER_THREAD, idleTimeoutMs: IDLE_TIMEOUT_MS });
  return store[POOL_KEY];
}

/** Like parseInWorker, and also tells which thread ran the parse and how many that thread has run. */
export function parseInWorkerThread(input: { job: ParseJob; fileName: string; timeoutMs: number; maxHeapMb: number }): Promise<ThreadRun<ParseResult>> {
  // Bounded in number as well as in memory: see parse-gate.ts. The deadline starts when it runs.
  return withParseSlot(input.fileName, () => runParser(input));
}

function runParser(input: { job: ParseJob; fileName: string; timeoutMs: number; maxHeapMb: number }): Promise<ThreadRun<ParseResult>> {
  const { fileName, timeoutMs, maxHeapMb } = input;
  return parserPool().run<ParseResult>(input.job, {
    timeoutMs,
    maxHeapMb,
    timeoutError: () =>
      new ForemanError(
        "document_parse_timeout",
        `"${fileName}" took longer than ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`} to read and was stopped. Try a smaller or simpler file.`,
      ),
    memoryError: () => new ForemanError("document_too_large", `"${fileName}" needed more than ${maxHeapMb} MB of memory to read and was stopped.`),
  });
}
