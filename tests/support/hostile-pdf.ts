import { createDeflate } from "node:zlib";

/** Hostile PDFs made in the tests (never committed): flate bombs and hand-built stream objects. */

const MB = 1024 * 1024;

/** `inflatedMb` MB of spaces, zlib-compressed streaming (never held inflated): ~1 KB per MB. */
export async function deflatedSpaces(inflatedMb: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (d: Buffer) => parts.push(d));
  const done = new Promise<void>((resolve) => deflate.on("end", () => resolve()));
  const chunk = Buffer.alloc(MB, " ");
  for (let i = 0; i < inflatedMb; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

/** A stream object's dictionary entries (without `<< >>` and /Length) and its raw data. */
export type RawStream = { dictionary: string; data: Uint8Array; length?: string };

/**
 * A one-page PDF with a correct xref: objects 1–3 are the catalog, page tree and page; the page's
 * /Contents are the first stream (object 4), further streams follow as objects 5, 6, … .
 * `length` overrides the stream's /Length (e.g. `"9 0 R"` or a lie).
 */
export function pdfWithStreams(streams: RawStream[], extraObjects: string[] = []): Buffer {
  const objects: (string | RawStream)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
    ...streams,
    ...extraObjects,
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let size = chunks[0]!.length;
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
  };
  objects.forEach((object, i) => {
    offsets.push(size);
    if (typeof object === "string") push(Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`));
    else {
      push(Buffer.from(`${i + 1} 0 obj\n<< /Length ${object.length ?? object.data.length} ${object.dictionary} >>\nstream\n`));
      push(Buffer.from(object.data));
      push(Buffer.from("\nendstream\nendobj\n"));
    }
  });
  const xref = size;
  const count = objects.length + 1;
  push(Buffer.from(`xref\n0 ${count}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

/**
 * A PDF whose page content inflates to `inflatedMb` MB of spaces. `hiddenFromScan`: its stream
 * dictionary is padded past the 64 KB the inflate pre-scan reads (pdf-inflate-scan.ts), so only
 * the parser's memory watch stands between it and the server.
 */
export async function flateBombPdf(inflatedMb: number, options: { hiddenFromScan?: boolean } = {}): Promise<Buffer> {
  const padding = options.hiddenFromScan ? ` /Padding (${"x".repeat(70 * 1024)})` : "";
  return pdfWithStreams([{ dictionary: `/Filter /FlateDecode${padding}`, data: await deflatedSpaces(inflatedMb) }]);
}
