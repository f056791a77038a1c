/**
 * Regenerates the binary document fixtures in tests/fixtures from the hand-written text
 * fixtures. Run with `npx tsx scripts/make-fixtures.ts`; the outputs are committed so tests
 * never depend on this script (or on pdf-lib / docx, which are dev-only).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { Document as DocxDocument, HeadingLevel, Packer, Paragraph } from "docx";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "fixtures");
// Fixed so regenerated PDFs differ only when their content does.
const FIXED_DATE = new Date("2025-03-03T09:00:00Z");

function write(name: string, bytes: Uint8Array | string): void {
  writeFileSync(join(FIXTURES, name), bytes);
  const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.byteLength;
  console.log(`${name.padEnd(20)} ${size} bytes`);
}

// --- PNG (for the scanned-like PDF and the PNG-named-.pdf fixture) -----------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A greyscale "photographed page": pale paper with dark bars where lines of text would be. */
function makeScanPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    const inTextLine = y > 20 && y < height - 20 && y % 12 < 5;
    for (let x = 0; x < width; x++) {
      const ink = inTextLine && x > 16 && x < width - 16 - ((y * 7) % 40);
      raw[y * (width + 1) + 1 + x] = ink ? 60 + ((x * y) % 30) : 235 + ((x + y) % 12);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(raw, { level: 9 })),
    pngChunk("IEND", new Uint8Array()),
  ]);
}

// --- PDFs --------------------------------------------------------------------------------

const contractText = readFileSync(join(FIXTURES, "contract.txt"), "utf8");
const contractLines = contractText.trimEnd().split("\n");
// Page 2 starts at clause 5 so each page holds a recognisable set of clauses.
const pageBreakAt = contractLines.findIndex((line) => line.startsWith("5. Intellectual Property"));

async function makeContractPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle("Master Services Agreement");
  pdf.setAuthor("Northwind Analytics Ltd");
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 10.5;
  const margin = 56;
  for (const lines of [contractLines.slice(0, pageBreakAt), contractLines.slice(pageBreakAt)]) {
    const page = pdf.addPage([595, 842]); // A4
    const maxWidth = page.getWidth() - margin * 2;
    let y = page.getHeight() - margin;
    for (const line of lines) {
      for (const wrapped of wrap(line, (s) => font.widthOfTextAtSize(s, size), maxWidth)) {
        page.drawText(wrapped, { x: margin, y, size, font, color: rgb(0, 0, 0) });
        y -= size * 1.45;
      }
    }
  }
  return pdf.save();
}

function wrap(line: string, width: (s: string) => number, maxWidth: number): string[] {
  if (line.trim() === "") return [""];
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (width(candidate) > maxWidth && current !== "") {
      out.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  out.push(current);
  return out;
}

async function makeScannedPdf(png: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const image = await pdf.embedPng(png);
  const page = pdf.addPage([595, 842]);
  page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return pdf.save();
}

/** Assembles a PDF from object bodies, computing the xref offsets pdf readers need. */
function assemblePdf(objects: string[], trailerExtra: string): string {
  let out = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return out;
}

/**
 * pdf-lib cannot encrypt, so this is written by hand: a standard security handler (RC4,
 * revision 2) whose /U entry does not match the empty user password, so a reader must ask
 * for a password. The page content is RC4 ciphertext nobody can read without it.
 */
function makeEncryptedPdf(): string {
  const hex32 = (seed: number) =>
    Array.from({ length: 32 }, (_, i) => ((seed * (i + 7) * 31 + i * 17) & 0xff).toString(16).padStart(2, "0")).join("");
  const stream = "\u0093\u00a1\u0017\u0042\u00f0\u0011\u00c7\u0009\u0033\u00be\u0076\u0018";
  return assemblePdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -3904 /O <${hex32(3)}> /U <${hex32(5)}> >>`,
    ],
    `/Encrypt 5 0 R /ID [<8f1c2a7b9e0d4c3a8f1c2a7b9e0d4c3a> <8f1c2a7b9e0d4c3a8f1c2a7b9e0d4c3a>]`,
  );
}

/** A PDF header followed by garbage: no objects, no xref, nothing a reader can recover. */
function makeCorruptPdf(): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set(Buffer.from("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n", "latin1"));
  let state = 0x2545f491;
  for (let i = 16; i < bytes.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0; // deterministic noise
    bytes[i] = (state >>> 16) & 0xff;
  }
  return bytes;
}

// --- DOCX --------------------------------------------------------------------------------

async function makeContractDocx(): Promise<Uint8Array> {
  const [title = "", ...rest] = contractLines;
  const children = [
    new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }),
    ...rest
      .filter((line) => line.trim() !== "")
      .map((line) =>
        /^\d+\. /.test(line) ? new Paragraph({ text: line, heading: HeadingLevel.HEADING_2 }) : new Paragraph({ text: line }),
      ),
  ];
  const doc = new DocxDocument({
    title: "Master Services Agreement",
    creator: "Northwind Analytics Ltd",
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * A structurally valid .docx whose document.xml inflates to 60 MB of whitespace inside a
 * text run: tiny on disk (deflate compresses runs ~1000:1), enormous once opened.
 */
function makeZipBombDocx(): Uint8Array {
  const padding = new Uint8Array(60 * 1024 * 1024).fill(0x20);
  const head = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">',
  );
  const tail = strToU8("</w:t></w:r></w:p></w:body></w:document>");
  const documentXml = new Uint8Array(head.length + padding.length + tail.length);
  documentXml.set(head, 0);
  documentXml.set(padding, head.length);
  documentXml.set(tail, head.length + padding.length);
  return zipSync(
    {
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      "_rels/.rels": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      "word/document.xml": documentXml,
    },
    { level: 9, mtime: FIXED_DATE },
  );
}

async function main(): Promise<void> {
  mkdirSync(FIXTURES, { recursive: true });
  const png = makeScanPng(160, 220);
  write("contract.pdf", await makeContractPdf());
  write("contract.docx", await makeContractDocx());
  write("scanned.pdf", await makeScannedPdf(png));
  write("corrupt.pdf", makeCorruptPdf());
  write("encrypted.pdf", Buffer.from(makeEncryptedPdf(), "latin1"));
  write("zip-bomb.docx", makeZipBombDocx());
  write("fake.pdf", png);
  write("empty.txt", "");
}

await main();
