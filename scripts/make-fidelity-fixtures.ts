/**
 * Writes tests/fixtures/fidelity/: one small file per way a document can read differently from
 * what a person sees (issue 10). Run with `npx tsx scripts/make-fidelity-fixtures.ts`; the
 * files are committed, and tests never depend on this script or its dev-only libraries.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document as DocxDocument,
  EndnoteReferenceRun,
  Footer,
  FootnoteReferenceRun,
  Header,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "fixtures", "fidelity");

function write(name: string, bytes: Uint8Array | string): void {
  writeFileSync(join(OUT, name), bytes);
  console.log(`wrote tests/fixtures/fidelity/${name}`);
}

async function leaseDocx(): Promise<Uint8Array> {
  const clause = (text: string, level: number, extra: (TextRun | FootnoteReferenceRun | EndnoteReferenceRun)[] = []) =>
    new Paragraph({ numbering: { reference: "clauses", level }, children: [new TextRun(text), ...extra] });
  const doc = new DocxDocument({
    creator: "Foreman tests",
    title: "Office Lease",
    numbering: {
      config: [
        {
          reference: "clauses",
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.DECIMAL, text: "%1.%2", alignment: AlignmentType.START },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: "(%3)", alignment: AlignmentType.START },
          ],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph("Rent excludes service charges, which are billed quarterly.")] } },
    endnotes: { 1: { children: [new Paragraph("Schedule 2 lists the fixtures.")] } },
    comments: {
      children: [{ id: 0, author: "Counsel", date: new Date("2025-01-01T00:00:00Z"), children: [new Paragraph("Is the deposit refundable?")] }],
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph("PRIVILEGED AND CONFIDENTIAL")] }) },
        footers: { default: new Footer({ children: [new Paragraph("Lease ref. L-2025-17")] }) },
        children: [
          new Paragraph("OFFICE LEASE"),
          clause("Rent", 0),
          clause("The Tenant shall pay rent of EUR 2,500 per month.", 1, [new FootnoteReferenceRun(1)]),
          clause("Rent is payable in advance:", 1),
          clause("by bank transfer; or", 2),
          clause("by direct debit.", 2),
          clause("Deposit", 0),
          new Paragraph({
            numbering: { reference: "clauses", level: 1 },
            children: [
              new CommentRangeStart(0),
              new TextRun("The Tenant shall pay a deposit of three months' rent."),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun("Notice period: "),
              new DeletedTextRun({ text: "one month", id: 1, author: "Counsel", date: "2025-01-02T00:00:00Z" }),
              new InsertedTextRun({ text: "two months", id: 2, author: "Counsel", date: "2025-01-02T00:00:00Z" }),
              new TextRun("."),
              new EndnoteReferenceRun(1),
            ],
          }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph("Floor")] }), new TableCell({ children: [new Paragraph("Area")] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph("3")] }), new TableCell({ children: [new Paragraph("410 m²")] })] }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const LEFT = [
  "Section 1. The Supplier shall",
  "deliver the goods within thirty",
  "days of the order date.",
];
const RIGHT = [
  "Section 2. The Customer shall",
  "pay each invoice within fourteen",
  "days of receipt.",
];

/** Two columns drawn line by line across the page, as many generators do. */
async function twoColumnPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.setTitle("Two columns");
  const page = pdf.addPage([612, 792]);
  LEFT.forEach((left, i) => {
    const y = 700 - i * 16;
    page.drawText(left, { x: 72, y, size: 12, font });
    page.drawText(RIGHT[i] ?? "", { x: 324, y, size: 12, font });
  });
  const second = pdf.addPage([612, 792]);
  second.drawText("Page two holds the signatures.", { x: 72, y: 700, size: 12, font });
  return pdf.save();
}

/** Words broken at a line end with a hyphen, and a real compound broken at its hyphen. */
async function hyphenatedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  pdf.setTitle("Indemnity");
  const page = pdf.addPage([612, 792]);
  ["The Supplier shall indemnify the Cus-", "tomer against all third-", "party claims arising from the Ser-", "vices, without limitation."].forEach((line, i) => {
    page.drawText(line, { x: 72, y: 700 - i * 15, size: 12, font });
  });
  return pdf.save();
}

/** A contents page: titles on the left, page numbers far right. A table, not two columns. */
async function contentsPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  [["1. Definitions", "3"], ["2. Services", "5"], ["3. Fees and payment", "8"], ["4. Liability", "12"]].forEach(([title, number], i) => {
    page.drawText(title ?? "", { x: 72, y: 700 - i * 16, size: 12, font });
    page.drawText(number ?? "", { x: 520, y: 700 - i * 16, size: 12, font });
  });
  return pdf.save();
}

const HTML = `<!DOCTYPE html>
<html lang="en">
<head><title>Assay &amp; results</title>
<style>.sr-only { display: none } p.note { color: red }</style>
<body>
<h1>Assay results</h1>
<p>Particle size 2&nbsp;&micro;m &mdash; &alpha;&#x3B2;&gamma; &check; &#146;quoted&#146; &euro;5 &#128;6
<p>Second paragraph without an end tag
<ul><li>first<li>second</ul>
<pre>
  col1  col2
  1     2
</pre>
<div hidden>Hidden note: skip quality control.</div>
<span class="sr-only">Screen-reader only remark.</span>
<p aria-hidden="true">Decorative.</p>
<p>Visible end.</p>
</body>
</html>
`;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  write("lease.docx", await leaseDocx());
  write("two-column.pdf", await twoColumnPdf());
  write("hyphenated.pdf", await hyphenatedPdf());
  write("contents.pdf", await contentsPdf());
  write("assay.html", HTML);
  // Text in the encodings people really save in, each with the same readable content.
  write("log-with-nul.txt", "2025-03-01 door opened\n2025-03-02 alarm\u0000 reset\n2025-03-03 door closed\n");
  write("utf16le-no-bom.txt", Buffer.from("Café menu: crème brûlée, 7 €\n", "utf16le"));
  // "latin1" encodes code points < 256 only; put the windows-1252 bytes for – (0x96) and € (0x80) in place.
  write("windows-1252.html", Uint8Array.from(Buffer.from('<html><head><meta charset="windows-1252"><title>Menu</title></head><body><p>Caf\u00e9 \u0096 cr\u00e8me br\u00fbl\u00e9e \u00807</p></body></html>', "latin1")));
  // Made with iconv: "契約書：これは日本語のテキストです。\n支払いは三十日以内に行う。\n" and
  // "合同条款：这是一个中文测试文件。\n付款应在三十天内完成。\n" (Node has no Shift_JIS or GB18030 encoder).
  write("shift-jis.txt", new Uint8Array(Buffer.from("jF+W8Y+RgUaCsYLqgs2T+pZ7jOqCzINlg0yDWINngsWCt4FCCo54laWCooLNjk+PXJP6iMiT4ILJjXOCpIFCCg==", "base64")));
  write("gb18030.txt", new Uint8Array(Buffer.from("us/NrMz1v+6jutXiysfSu7j21tDOxLLiytTOxLz+oaMKuLa/7tOm1NrI/cquzOzE2s3qs8mhowo=", "base64")));
  write("nfd.txt", "Re\u0301sume\u0301 of the cafe\u0301 lease.\n");
  // Text wrapped as printed: words hyphenated at line ends, CJK sentences broken without spaces.
  write(
    "wrapped.txt",
    [
      "The Licensee shall not sub-",
      "license, assign or transfer the Soft-",
      "ware without the prior written con-",
      "sent of the Licensor. Any third-",
      "party component is governed by its own li-",
      "cence terms. Payment is due with-",
      "in thirty days; late pay-",
      "ments carry interest at 2 % per month.",
      "",
      "本协议自双方签字之日起生效，有效期为三",
      "年。任何一方均可提前九十天书面通知终止本",
      "协议。",
      "",
      "本契約は、両当事者の署名の日から効力を生じ",
      "るものとする。甲は乙に対し、毎月末日までに",
      "料金を支払う。",
      "",
    ].join("\n"),
  );
}

await main();
