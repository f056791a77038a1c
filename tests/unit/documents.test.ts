import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { documentSchema, pageAt } from "@/lib/documents/document";
import { htmlToText } from "@/lib/documents/html";
import { ingestDocument, ingestText, type IngestOptions } from "@/lib/documents/ingest";
import { ForemanError, type ErrorCode } from "@/lib/engine/errors";

const fixture = (name: string): Uint8Array => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));
const fixtureText = (name: string): string => new TextDecoder().decode(fixture(name));
const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function ingestFixture(name: string, options?: IngestOptions) {
  const bytes = fixture(name);
  const doc = await ingestDocument({ bytes, fileName: name }, options);
  expect(documentSchema.parse(doc)).toEqual(doc);
  expect(doc.sha256).toBe(sha256(bytes));
  expect(doc.byteSize).toBe(bytes.byteLength);
  expect(doc.fileName).toBe(name);
  return doc;
}

async function rejection(promise: Promise<unknown>, code: ErrorCode): Promise<ForemanError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ForemanError);
  const foreman = error as ForemanError;
  expect({ code: foreman.code, message: foreman.message }).toMatchObject({ code });
  return foreman;
}

const reject = (bytes: Uint8Array, fileName: string, code: ErrorCode, options?: IngestOptions) =>
  rejection(ingestDocument({ bytes, fileName }, options), code);

describe("ingestDocument: formats", () => {
  it("reads plain text verbatim", async () => {
    const doc = await ingestFixture("contract.txt");
    expect(doc).toMatchObject({ format: "text", mediaType: "text/plain", title: "MASTER SERVICES AGREEMENT", pages: [] });
    expect(doc.text).toBe(fixtureText("contract.txt"));
    expect(doc.language).toBeUndefined();
  });

  it("reads Markdown, titled by its first heading", async () => {
    const doc = await ingestFixture("report.md");
    expect(doc).toMatchObject({
      format: "markdown",
      mediaType: "text/markdown",
      title: "Adaptive Caching Reduces Checkout Latency: Evaluation Report",
    });
    expect(doc.text).toBe(fixtureText("report.md"));
  });

  it("reads source code with its language, titled by file name", async () => {
    const doc = await ingestFixture("code.py");
    expect(doc).toMatchObject({ format: "code", language: "python", mediaType: "text/x-python", title: "code.py" });
    expect(doc.text).toBe(fixtureText("code.py"));
  });

  it("turns HTML into readable text without scripts, styles or navigation", async () => {
    const doc = await ingestFixture("news.html");
    expect(doc).toMatchObject({ format: "html", mediaType: "text/html", pages: [] });
    expect(doc.title).toBe("City Council\u2019s Bus Lane Plan Sparks Outrage Among Drivers");
    expect(doc.text.startsWith("City Council\u2019s Bus Lane Plan")).toBe(true);
    expect(doc.text).toContain("\u201cThis will cut journey times for 14,000 bus passengers a day,\u201d said Councillor Helen Ofori");
    expect(doc.text).toContain("a government grant of \u00a33.2 million.");
    expect(doc.text).toContain("People won't come if they can't park");
    expect(doc.text).toContain("By Priya Raman \u00b7 9 June 2025\n\nA controversial scheme");
    for (const chrome of ["dataLayer", "font-family", "Sport", "<p", "&rdquo;"]) expect(doc.text).not.toContain(chrome);
  });

  it("reads a PDF page by page with exact page offsets", async () => {
    const doc = await ingestFixture("contract.pdf");
    expect(doc).toMatchObject({ format: "pdf", mediaType: "application/pdf", title: "Master Services Agreement" });
    const [first, second] = doc.pages;
    expect(doc.pages).toHaveLength(2);
    expect(first).toMatchObject({ number: 1, start: 0 });
    expect(second).toMatchObject({ number: 2, start: (first?.end ?? 0) + 2, end: doc.text.length });
    expect(doc.text.slice(first?.end, second?.start)).toBe("\n\n");
    const page1 = doc.text.slice(first?.start, first?.end);
    const page2 = doc.text.slice(second?.start, second?.end);
    expect(page1.startsWith("MASTER SERVICES AGREEMENT\n\nThis Master Services Agreement")).toBe(true);
    expect(page1).toContain("4.1 Supplier may terminate this Agreement for convenience at any time on 30 days' written notice.");
    expect(page1).not.toContain("Intellectual Property");
    expect(page2.startsWith("5. Intellectual Property\n5.1 Customer hereby assigns")).toBe(true);
    expect(page2.endsWith("Head of Procurement, on 3 March 2025.")).toBe(true);
    const quote = "6.1 Customer's liability under or in connection with this Agreement shall be unlimited.";
    expect(pageAt(doc.pages, doc.text.indexOf(quote))).toBe(2);
    expect(pageAt(doc.pages, doc.text.indexOf("4.3 On termination"))).toBe(1);
  });

  it("does not consume the caller's buffer when reading a PDF", async () => {
    const bytes = fixture("contract.pdf");
    await ingestDocument({ bytes, fileName: "contract.pdf" });
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(sha256(bytes)).toBe(sha256(fixture("contract.pdf")));
  });

  it("reads a Word document as paragraphs, titled from its properties", async () => {
    const doc = await ingestFixture("contract.docx");
    expect(doc).toMatchObject({
      format: "docx",
      mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      title: "Master Services Agreement",
      pages: [],
    });
    expect(doc.text.startsWith("MASTER SERVICES AGREEMENT\n\nThis Master Services Agreement")).toBe(true);
    expect(doc.text).toContain("\n\n7.1 Customer shall indemnify, defend and hold harmless Supplier");
    expect(doc.text.endsWith("on 3 March 2025.")).toBe(true);
  });

  it("normalises line endings, BOM and reads UTF-16 text", async () => {
    const crlf = await ingestDocument({ bytes: utf8("\uFEFFFirst line\r\nSecond line\r\n"), fileName: "notes.txt" });
    expect(crlf.text).toBe("First line\nSecond line\n");
    expect(crlf.title).toBe("First line");
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("Hi \u00e9t\u00e9\r\n", (c) => [c.charCodeAt(0), 0]).flat()]);
    expect((await ingestDocument({ bytes: utf16, fileName: "utf16.txt" })).text).toBe("Hi \u00e9t\u00e9\n");
  });

  it("judges the type by content, using the name only between text kinds", async () => {
    const cases: [string, string, object][] = [
      ["page.txt", "<!DOCTYPE html><html><body><h1>Hello</h1><p>World</p></body></html>", { format: "html", text: "Hello\n\nWorld", title: "Hello" }],
      ["notes.pdf", "Plain notes that someone named .pdf", { format: "text", mediaType: "text/plain" }],
      ["notes.txt", "Intro\n\n# Findings\n\nSome text", { format: "markdown", title: "Findings" }],
      ["deploy", "#!/usr/bin/env python3\nprint('hi')\n", { format: "code", language: "python" }],
      ["view.tsx", "export const View = () => <html />;\n", { format: "code", language: "typescript", mediaType: "text/x-typescript" }],
      ["q.sql", "SELECT 1;", { format: "code", language: "sql", mediaType: "text/x-sql" }],
      ["paste", "Some **bold** claim with a [link](https://example.com).", { format: "markdown" }],
    ];
    for (const [fileName, text, expected] of cases) {
      expect(await ingestDocument({ bytes: utf8(text), fileName })).toMatchObject(expected);
    }
  });

  it("keeps only the base name of a path-like file name and trims long titles", async () => {
    const doc = await ingestDocument({ bytes: utf8(`${"word ".repeat(60)}\nbody`), fileName: "C:\\fakepath\\long.txt" });
    expect(doc.fileName).toBe("long.txt");
    expect(doc.title).toHaveLength(120);
    expect(doc.title.endsWith("\u2026")).toBe(true);
  });
});

describe("ingestText", () => {
  it("treats pasted Markdown as Markdown and plain text as text", async () => {
    const md = await ingestText({ text: "# Release notes\r\n\r\n- faster\n- safer\n" });
    expect(md).toMatchObject({ format: "markdown", mediaType: "text/markdown", title: "Release notes", text: "# Release notes\n\n- faster\n- safer\n" });
    expect(md.sha256).toBe(sha256(utf8("# Release notes\r\n\r\n- faster\n- safer\n")));
    const plain = await ingestText({ text: "Just a sentence.", title: "  My paste  " });
    expect(plain).toMatchObject({ format: "text", mediaType: "text/plain", title: "My paste", byteSize: 16, pages: [] });
    expect(documentSchema.safeParse(plain).success).toBe(true);
  });

  it("rejects empty and oversized pastes", async () => {
    await rejection(ingestText({ text: " \n\t " }), "document_empty");
    await rejection(ingestText({ text: "x".repeat(2000) }, { maxBytes: 1000 }), "document_too_large");
  });
});

describe("htmlToText", () => {
  it("keeps structure: lists, line breaks, preformatted text, table cells", () => {
    const { text, title } = htmlToText(
      "<body><h1>Spec &amp; notes</h1><ol><li>One</li><li>Two<ul><li>Nested</li></ul></li></ol>" +
        "<p>Line<br>break &#x2014; &#8220;quoted&#8221;&nbsp;here</p><pre>\n  x = 1\n  y = 2</pre>" +
        "<table><tr><th>Metric</th><td>81%</td></tr></table><div hidden>secret</div><p aria-hidden=\"true\">icon</p>" +
        "<!-- comment --><p title=\"a > b\">after   tricky\n attribute</p></body>",
    );
    expect(title).toBe("Spec & notes");
    expect(text).toBe(
      "Spec & notes\n\n1. One\n2. Two\n- Nested\n\nLine\nbreak \u2014 \u201cquoted\u201d\u00a0here\n\n  x = 1\n  y = 2\n\nMetric\t81%\n\nafter tricky attribute",
    );
  });

  it("survives unterminated markup", () => {
    expect(htmlToText("<p>ok</p><script>never closed").text).toBe("ok");
    expect(htmlToText("a < b and <p>c</p><a href=\"x").text).toBe("a < b and\n\nc");
  });
});

describe("ingestDocument: rejections", () => {
  it("rejects empty files", async () => {
    await reject(fixture("empty.txt"), "empty.txt", "document_empty");
    await reject(utf8("  \r\n\t\n"), "blank.md", "document_empty");
  });

  it("checks the size limit before parsing anything", async () => {
    const error = await reject(fixture("corrupt.pdf"), "corrupt.pdf", "document_too_large", { maxBytes: 1000 });
    expect(error.message).toContain("corrupt.pdf");
    await reject(fixture("contract.pdf"), "contract.pdf", "document_too_large", { maxBytes: 4000 });
  });

  it("rejects a PNG named .pdf, naming what it looks like", async () => {
    const error = await reject(fixture("fake.pdf"), "report.pdf", "document_unsupported_type");
    expect(error.message).toContain("unsupported type: this looks like a PNG image");
    expect(error.message).toContain("report.pdf");
  });

  it("names other binary formats", async () => {
    const cases: [number[], string][] = [
      [[0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "a JPEG image"],
      [[...utf8("GIF89a"), 0, 0], "a GIF image"],
      [[0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], "an ELF executable"],
      [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "a legacy Microsoft Office file"],
      [[1, 2, 3, 0, 4, 5], "binary data"],
      [[...utf8("{\\rtf1\\ansi Hello}")], "an RTF document"],
    ];
    for (const [bytes, looksLike] of cases) {
      const error = await reject(new Uint8Array(bytes), "upload.txt", "document_unsupported_type");
      expect(error.message).toContain(`this looks like ${looksLike}`);
    }
  });

  it("rejects ZIPs that are not Word documents", async () => {
    const xlsx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") });
    expect((await reject(xlsx, "numbers.xlsx", "document_unsupported_type")).message).toContain("an Excel workbook");
    const zip = zipSync({ "readme.txt": strToU8("hello") });
    expect((await reject(zip, "contract.docx", "document_unsupported_type")).message).toContain("a ZIP archive");
  });

  it("reports damaged Word documents as corrupt", async () => {
    const docx = fixture("contract.docx");
    await reject(docx.slice(0, Math.floor(docx.length / 2)), "contract.docx", "document_corrupt");
    const broken = zipSync({ "word/document.xml": strToU8("<w:document><w:body><w:p>unclosed") });
    await reject(broken, "broken.docx", "document_corrupt");
  });

  it("stops a zip bomb before decompressing it", async () => {
    expect(fixture("zip-bomb.docx").byteLength).toBeLessThan(200 * 1024);
    const error = await reject(fixture("zip-bomb.docx"), "zip-bomb.docx", "document_too_large");
    expect(error.message).toMatch(/decompressed size 60\.0 MB exceeds the 20\.0 MB limit, possibly a zip bomb/);
    await reject(fixture("contract.docx"), "contract.docx", "document_too_large", { maxDocxUncompressedBytes: 2000 });
  });

  it("stops a zip bomb that lies about its sizes", async () => {
    const liar = lieAboutSize(fixture("zip-bomb.docx"), "word/document.xml", 4096);
    const error = await reject(liar, "liar.docx", "document_too_large");
    expect(error.message).toContain("actual decompressed size");
  });

  it("maps PDF failures to specific codes", async () => {
    await reject(fixture("corrupt.pdf"), "corrupt.pdf", "document_corrupt");
    const encrypted = await reject(fixture("encrypted.pdf"), "encrypted.pdf", "document_encrypted");
    expect(encrypted.message).toContain("password-protected");
    const scanned = await reject(fixture("scanned.pdf"), "scanned.pdf", "document_no_text");
    expect(scanned.message).toContain("this PDF has no text layer (scanned?); OCR is not supported");
    const pages = await reject(fixture("contract.pdf"), "contract.pdf", "document_too_many_pages", { maxPdfPages: 1 });
    expect(pages.message).toContain("has 2 pages; the limit is 1");
  });

  it("gives up on a parse that exceeds the time limit", async () => {
    await reject(fixture("contract.pdf"), "contract.pdf", "document_parse_timeout", { parseTimeoutMs: 1 });
    await reject(fixture("contract.docx"), "contract.docx", "document_parse_timeout", { parseTimeoutMs: 1 });
  });

  it("stops a parser that needs more memory than allowed, and stays usable afterwards", async () => {
    // A tiny heap makes any PDF "hostile": the worker dies, the caller gets a clear error.
    const error = await ingestDocument({ bytes: fixture("contract.pdf"), fileName: "contract.pdf" }, { maxParseMemoryMb: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForemanError);
    expect(error).toMatchObject({ code: "document_too_large", message: '"contract.pdf" needed more than 2 MB of memory to read and was stopped.' });
    const doc = await ingestDocument({ bytes: fixture("contract.pdf"), fileName: "contract.pdf" });
    expect(doc.pages).toHaveLength(2);
  });

  it("rejects HTML with nothing to read, and invalid options", async () => {
    await reject(utf8("<html><script>app()</script></html>"), "app.html", "document_no_text");
    await reject(utf8("hello"), "a.txt", "invalid_input", { maxBytes: -1 });
  });
});

/** Rewrites the declared uncompressed size of one entry in both of its ZIP headers. */
function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  const encoded = utf8(name);
  const nameAt = (at: number) => encoded.every((b, i) => bytes[at + i] === b);
  let patched = 0;
  for (let at = 0; at + 46 < bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && nameAt(at + 30)) view.setUint32(at + 22, size, true);
    else if (signature === 0x02014b50 && nameAt(at + 46)) view.setUint32(at + 24, size, true);
    else continue;
    patched += 1;
  }
  expect(patched).toBe(2);
  return bytes;
}
