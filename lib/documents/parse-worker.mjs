// Runs the third-party parsers (pdf.js, mammoth) on untrusted bytes in a worker thread with a heap
// cap, so a hostile file can exhaust only this worker: the server's thread never runs them.
// The thread is kept warm (parser-pool.ts): it answers each { job } message with one reply, and
// the modules it imported stay loaded for the next job.
// Plain JavaScript on purpose: it is started by path, outside any bundler or TypeScript loader.
// It returns raw material (text runs, mammoth's document model); lib/documents lays it out.
import { parentPort } from "node:worker_threads";
import { deflateSync } from "node:zlib";

async function importPdfjs() {
  const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
  globalThis.pdfjsWorker ??= worker;
  return import("pdfjs-dist/legacy/build/pdf.mjs");
}

// Text set along the page's x axis: the text matrix has no rotation, skew or mirroring.
function isUpright(transform) {
  const [a, b, c, d] = transform.map(Number);
  return a > 0 && d > 0 && Math.abs(b) <= a * 0.01 && Math.abs(c) <= d * 0.01;
}

async function parsePdf(bytes, maxPages, maxTextChars) {
  const pdfjs = await importPdfjs();
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
            ...(isUpright(item.transform) ? {} : { rotated: true }),
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

// A one-page PDF made here (nothing read from disk) that takes the paths typical files take:
// flate-compressed content, two columns of TJ arrays with kerning, a font with a /Differences
// encoding and a compressed ToUnicode CMap, and a WinAnsi one.
function warmUpPdf() {
  const line = (i) => `[(Line) -250 (${i}:) -250 (the) -250 (Supplier) -250 (shall) -250 (de) 15 (liver) -250 (the) -250 (Ser) 20 (vices\\222) -250 (on) -250 (time.)] TJ T*`;
  const column = (font, x, from) => `BT /${font} 10 Tf 12 TL ${x} 740 Td\n${Array.from({ length: 30 }, (_, i) => line(from + i)).join("\n")}\nET`;
  const content = `${column("F1", 72, 1)}\n${column("F2", 320, 31)}`;
  const toUnicode = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Warm def 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfchar <92> <2019> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end";
  const stream = (text) => {
    const data = deflateSync(Buffer.from(text, "latin1"));
    return [Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from("\nendstream")];
  };
  const objects = [
    ["<< /Type /Catalog /Pages 2 0 R >>"],
    ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>"],
    ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"],
    ["<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding /Differences [146 /quoteright] >> /ToUnicode 7 0 R >>"],
    ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"],
    stream(content),
    stream(toUnicode),
  ];
  const parts = [Buffer.from("%PDF-1.4\n")];
  let size = parts[0].length;
  const offsets = objects.map((body, i) => {
    const offset = size;
    for (const part of [`${i + 1} 0 obj\n`, ...body, "\nendobj\n"].map((piece) => (typeof piece === "string" ? Buffer.from(piece, "latin1") : piece))) {
      parts.push(part);
      size += part.length;
    }
    return offset;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

// How often the warm-up page is read: enough for V8 to optimise much of pdf.js's text path (the
// first two licence PDFs of bench:ingest took ~25% less CPU after it), a few tenths of a second.
const WARM_UP_PARSES = 10;

// { kind: "warm" }: import the parsers and run pdf.js on a small page ahead of the first upload
// (parser-pool.ts keepWarm).
async function warmUp() {
  await import("mammoth");
  for (let i = 0; i < WARM_UP_PARSES; i++) {
    const result = await parsePdf(warmUpPdf(), 1, Number.MAX_SAFE_INTEGER);
    const text = result.kind === "pdf" ? result.pages[0]?.map((run) => run.str).join(" ") : "";
    if (!text?.includes("Services’") || !text.includes("60:")) throw new Error("the warm-up page did not read back");
  }
  return { kind: "warm" };
}

parentPort.on("message", async ({ job }) => {
  try {
    const result = job.kind === "warm" ? await warmUp() : job.kind === "pdf" ? await parsePdf(job.bytes, job.maxPages, job.maxTextChars) : await parseDocx(job.bytes);
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({ ok: false, name: error?.name ?? "Error", message: error?.message ?? String(error) });
  }
});
