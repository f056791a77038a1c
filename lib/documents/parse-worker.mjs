// Runs the third-party parsers (pdf.js, mammoth) on untrusted bytes in a worker thread with a heap
// cap, so a hostile file can exhaust only this worker: the server's thread never runs them.
// The thread is kept warm (parser-pool.ts): it answers each { job } message with one reply, and
// the modules it imported stay loaded for the next job.
// Plain JavaScript on purpose: it is started by path, outside any bundler or TypeScript loader.
// It returns raw material (text runs, mammoth's document model); lib/documents lays it out.
import { parentPort } from "node:worker_threads";

async function parsePdf(bytes, maxPages, maxTextChars) {
  const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
  globalThis.pdfjsWorker ??= worker;
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    if (pdf.numPages > maxPages) return { kind: "too-many-pages", numPages: pdf.numPages };
    const pages = [];
    // Flate streams can hold far more text than the file's size suggests: stop collecting once
    // the text passes the limit instead of holding all of it.
    let chars = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) if ("str" in item) chars += item.str.length;
      if (chars > maxTextChars) return { kind: "too-much-text", chars, pagesRead: number };
      pages.push(
        content.items
          .filter((item) => "str" in item)
          .map((item) => ({
            str: item.str,
            x: Number(item.transform[4] ?? 0),
            y: Number(item.transform[5] ?? 0),
            width: Number(item.width ?? 0),
            height: item.height || Math.abs(Number(item.transform[3] ?? 0)),
            hasEOL: Boolean(item.hasEOL),
          })),
      );
      page.cleanup();
    }
    const metadata = await pdf.getMetadata();
    const title = typeof metadata.info?.Title === "string" ? metadata.info.Title : undefined;
    return { kind: "pdf", pages, title };
  } finally {
    await task.destroy();
  }
}

// mammoth's document model (paragraphs with list levels, tables, note and comment references),
// captured through its public transformDocument hook and sent as plain data: lib/documents lays it out.
async function parseDocx(bytes) {
  const mammoth = (await import("mammoth")).default;
  let model;
  await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    { transformDocument: (document) => (model = document) },
  );
  const references = [];
  const collect = (node) => {
    if (node.type === "noteReference") references.push(node);
    for (const child of node.children ?? []) collect(child);
    for (const child of node.body ?? []) collect(child);
  };
  model.children.forEach(collect);
  const notes = [];
  for (let i = 0; i < references.length; i++) {
    const note = model.notes.resolve(references[i]);
    if (note && !notes.includes(note)) {
      notes.push(note);
      note.body.forEach(collect); // a note may refer to another note
    }
  }
  // JSON drops what cannot cross to the main thread (images' read functions).
  return { kind: "docx", document: JSON.parse(JSON.stringify({ children: model.children, notes, comments: model.comments })) };
}

parentPort.on("message", async ({ job }) => {
  try {
    const result = job.kind === "pdf" ? await parsePdf(job.bytes, job.maxPages, job.maxTextChars) : await parseDocx(job.bytes);
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({ ok: false, name: error?.name ?? "Error", message: error?.message ?? String(error) });
  }
});
