import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { documentSchema } from "@/lib/documents/document";
import { ingestDocument, ingestText } from "@/lib/documents/ingest";
import { ForemanError } from "@/lib/engine/errors";

// Files from scripts/make-fidelity-fixtures.ts: each one a way the text Foreman reads could
// differ from what a person sees. Expected texts are what a reader sees, written out in full.
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/fidelity/${name}`, import.meta.url))));

async function ingest(name: string, declaredMediaType?: string) {
  const doc = await ingestDocument({ bytes: fixture(name), fileName: name, ...(declaredMediaType ? { declaredMediaType } : {}) });
  expect(documentSchema.parse(doc)).toEqual(doc);
  return doc;
}

describe("DOCX as a reader sees it", () => {
  it("keeps headers, list numbers, tables, footnotes, endnotes, footers and comments", async () => {
    const doc = await ingest("lease.docx");
    expect(doc.text).toBe(
      [
        "PRIVILEGED AND CONFIDENTIAL",
        "OFFICE LEASE",
        "1. Rent",
        "1.1 The Tenant shall pay rent of EUR 2,500 per month.[1]",
        "1.2 Rent is payable in advance:",
        "(a) by bank transfer; or",
        "(b) by direct debit.",
        "2. Deposit",
        "2.1 The Tenant shall pay a deposit of three months' rent.[comment 1]",
        "Notice period: two months.[i]",
        "Floor\tArea\n3\t410 m²",
        "[1] Rent excludes service charges, which are billed quarterly.",
        "[i] Schedule 2 lists the fixtures.",
        "Lease ref. L-2025-17",
        "[comment 1] Counsel: Is the deposit refundable?",
      ].join("\n\n"),
    );
    expect(doc.title).toBe("Office Lease");
    expect(doc.metadata).toEqual({ comments: 1 });
  });
});

describe("HTML as a browser shows it", () => {
  it("decodes every entity, implies end tags, keeps <pre>, and leaves hidden passages out but counted", async () => {
    const doc = await ingest("assay.html");
    expect(doc.text).toBe(
      "Assay results\n\nParticle size 2\u00a0µm — αβγ ✓ ’quoted’ €5 €6\n\nSecond paragraph without an end tag\n\n- first\n- second\n\n  col1  col2\n  1     2\n\nVisible end.",
    );
    expect(doc.title).toBe("Assay & results");
    expect(doc.metadata).toEqual({ encoding: { name: "utf-8", source: "detected" }, hiddenPassages: 3 });
    expect(doc.text).not.toMatch(/Hidden note|Screen-reader|Decorative/);
  });

  it("decodes a page in the charset it declares", async () => {
    const doc = await ingest("windows-1252.html");
    expect(doc.text).toBe("Café – crème brûlée €7");
    expect(doc.metadata?.encoding).toEqual({ name: "windows-1252", source: "declared" });
  });
});

describe("text encodings and control characters", () => {
  it("removes a stray NUL instead of refusing the file, and says so", async () => {
    const doc = await ingest("log-with-nul.txt");
    expect(doc.text).toBe("2025-03-01 door opened\n2025-03-02 alarm reset\n2025-03-03 door closed\n");
    expect(doc.metadata).toEqual({ encoding: { name: "utf-8", source: "detected" }, controlCharactersRemoved: 1 });
    // Pasted, the same text reads the same.
    expect((await ingestText({ text: new TextDecoder().decode(fixture("log-with-nul.txt")) })).text).toBe(doc.text);
  });

  it("detects UTF-16 without a BOM, Shift_JIS and GB18030", async () => {
    expect(await ingest("utf16le-no-bom.txt")).toMatchObject({ text: "Café menu: crème brûlée, 7 €\n", metadata: { encoding: { name: "utf-16le", source: "detected" } } });
    expect(await ingest("shift-jis.txt")).toMatchObject({
      text: "契約書：これは日本語のテキストです。\n支払いは三十日以内に行う。\n",
      metadata: { encoding: { name: "shift_jis", source: "detected" } },
    });
    expect(await ingest("gb18030.txt")).toMatchObject({
      text: "合同条款：这是一个中文测试文件。\n付款应在三十天内完成。\n",
      metadata: { encoding: { name: "gb18030", source: "detected" } },
    });
  });

  it("reads undeclared Latin text as windows-1252 and honours a declared charset over detection", async () => {
    const latin = Uint8Array.from([...Buffer.from("caf"), 0xe9, ...Buffer.from(" cr"), 0xe8, ...Buffer.from("me "), 0x93, ...Buffer.from("ok"), 0x94]);
    const doc = await ingestDocument({ bytes: latin, fileName: "menu.txt" });
    expect(doc).toMatchObject({ text: "café crème “ok”", metadata: { encoding: { name: "windows-1252", source: "detected" } } });
    // Valid UTF-8 bytes, declared as windows-1252 by the upload: the declaration decides.
    const declared = await ingestDocument({ bytes: new TextEncoder().encode("é"), fileName: "x.txt", declaredMediaType: "text/plain; charset=windows-1252" });
    expect(declared).toMatchObject({ text: "Ã©", metadata: { encoding: { name: "windows-1252", source: "declared" } } });
  });

  it("reads charsets declared by an XML declaration or an http-equiv meta, and UTF-16BE without a BOM", async () => {
    const xml = Uint8Array.from([...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<note>Gr'), 0xfc, ...Buffer.from("\u00df</note>\n", "latin1")]);
    expect(await ingestDocument({ bytes: xml, fileName: "note.xml" })).toMatchObject({
      text: '<?xml version="1.0" encoding="ISO-8859-1"?>\n<note>Grüß</note>\n',
      metadata: { encoding: { name: "windows-1252", source: "declared" } },
    });
    const page = Uint8Array.from([...Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"></head><body><p>'), 0x82, 0xa0, ...Buffer.from("</p></body></html>")]);
    expect(await ingestDocument({ bytes: page, fileName: "a.html" })).toMatchObject({ text: "あ", metadata: { encoding: { name: "shift_jis", source: "declared" } } });
    const be = Buffer.from("Hello, world: 10 €\n", "utf16le").swap16();
    expect(await ingestDocument({ bytes: new Uint8Array(be), fileName: "be.txt" })).toMatchObject({ text: "Hello, world: 10 €\n", metadata: { encoding: { name: "utf-16be", source: "detected" } } });
  });

  it("normalises decomposed text to NFC once, at ingestion", async () => {
    const doc = await ingest("nfd.txt");
    expect(doc.text).toBe("R\u00e9sum\u00e9 of the caf\u00e9 lease.\n");
  });

  it("still refuses a file that is mostly binary", async () => {
    const noise = Uint8Array.from({ length: 400 }, (_, i) => (i * 7) % 32);
    const error = await ingestDocument({ bytes: noise, fileName: "data.txt" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ForemanError);
    expect((error as ForemanError).code).toBe("document_unsupported_type");
  });
});
