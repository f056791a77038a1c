import path from "node:path";
import { Worker } from "node:worker_threads";
import { ForemanError } from "../engine/errors";
import type { DocxModel } from "./docx-layout";
import { withParseSlot } from "./parse-gate";

/** One pdf.js text item: `x`/`y` its baseline start, `width`/`height` its extent, all in PDF points. */
export type PdfTextRun = { str: string; x: number; y: number; width: number; height: number; hasEOL: boolean };

/** `maxTextChars`: the PDF parser stops (→ "too-much-text") once the extracted text passes it. */
export type ParseJob = { kind: "pdf"; bytes: Uint8Array; maxPages: number; maxTextChars: number } | { kind: "docx"; bytes: Uint8Array };

export type ParseResult =
  | { kind: "pdf"; pages: PdfTextRun[][]; title: string | undefined }
  | { kind: "too-many-pages"; numPages: number }
  | { kind: "too-much-text"; chars: number; pagesRead: number }
  | { kind: "docx"; document: DocxModel };

/** A parser's own failure, as the worker reports it (e.g. pdf.js's PasswordException). */
export class ParserError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Parses untrusted bytes in a worker thread with a heap cap and a deadline. Past the deadline the
 * worker is terminated — really stopped, even inside a parser that cannot be interrupted — and a
 * file that needs more memory than allowed kills only its worker. The server stays healthy.
 */
export function parseInWorker(input: { job: ParseJob; fileName: string; timeoutMs: number; maxHeapMb: number }): Promise<ParseResult> {
  // Bounded in number as well as in memory: see parse-gate.ts. The deadline starts when it runs.
  return withParseSlot(input.fileName, () => runParser(input));
}

const MB = 1024 * 1024;
/** How often a running parser's memory is sampled: at ~1 GB/s of inflation, at most ~25 MB overshoot. */
const RSS_SAMPLE_MS = 25;

function runParser(input: { job: ParseJob; fileName: string; timeoutMs: number; maxHeapMb: number }): Promise<ParseResult> {
  const { job, fileName } = input;
  // A copy is transferred, so the caller keeps its bytes (hashing, errors) intact.
  const bytes = new Uint8Array(job.bytes);
  // Resolved from the project root, where the app, the tests and the CLI all run: the worker is
  // started by path, outside the bundle.
  const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "documents", "parse-worker.mjs");
  const worker = new Worker(script, {
    workerData: { job: { ...job, bytes } },
    transferList: [bytes.buffer],
    resourceLimits: { maxOldGenerationSizeMb: input.maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, input.maxHeapMb / 8)) },
  });

  return new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watchdog);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(
          new ForemanError(
            "document_parse_timeout",
            `"${fileName}" took longer than ${input.timeoutMs >= 1000 ? `${input.timeoutMs / 1000} s` : `${input.timeoutMs} ms`} to read and was stopped. Try a smaller or simpler file.`,
          ),
        ),
      );
    }, input.timeoutMs);
    // The heap cap does not cover ArrayBuffers (pdf.js inflates streams into them), so the
    // process's resident memory is watched too: growth past the cap stops this parser.
    const rssAtStart = process.memoryUsage.rss();
    const watchdog = setInterval(() => {
      if (process.memoryUsage.rss() - rssAtStart > input.maxHeapMb * MB) {
        settle(() => reject(new ForemanError("document_too_large", `"${fileName}" needed more than ${input.maxHeapMb} MB of memory to read and was stopped.`)));
      }
    }, RSS_SAMPLE_MS);
    worker.once("message", (message: { ok: true; result: ParseResult } | { ok: false; name: string; message: string }) => {
      settle(() => (message.ok ? resolve(message.result) : reject(new ParserError(message.name, message.message))));
    });
    worker.once("error", (error: Error & { code?: string }) => {
      settle(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new ForemanError("document_too_large", `"${fileName}" needed more than ${input.maxHeapMb} MB of memory to read and was stopped.`)
            : new ParserError(error.name, error.message),
        ),
      );
    });
    worker.once("exit", (code) => settle(() => reject(new ParserError("WorkerExit", `the parser stopped unexpectedly (exit code ${code})`))));
  });
}
