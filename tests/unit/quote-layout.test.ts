import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pageAt, type Document } from "@/lib/documents/document";
import { ingestDocument } from "@/lib/documents/ingest";
import { locateQuote } from "@/lib/engine/locate-quotes";

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url))));
const ingest = (path: string): Promise<Document> => ingestDocument({ bytes: fixture(path), fileName: path.split("/").pop() ?? path });

/** Deterministic PRNG (mulberry32): the same "random" sentences on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CJK = /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/;

/**
 * A passage as a reader copies it out of a viewer: whitespace collapsed, a word hyphenated at
 * a line end written whole ("Cus-\ntomer" → "Customer") or as a compound ("third-party"),
 * CJK line breaks removed, composed (NFC).
 */
function reflow(passage: string, rand: () => number): string {
  return passage
    .replace(/(\p{L})-\n(?=\p{L})/gu, (_, letter: string) => (rand() < 0.5 ? letter : `${letter}-`))
    .replace(/\s+/g, (run, offset: number, whole: string) => (CJK.test(whole[offset - 1] ?? "") || CJK.test(whole[offset + run.length] ?? "") ? "" : " "))
    .normalize("NFC")
    .trim();
}

/** The words of a passage, whatever its layout: for comparing what a span covers. */
const words = (text: string): string => text.normalize("NFC").replace(/[\s\-\u00ad]+/g, "");

/** Sentences inside one paragraph (a blank line ends a passage), long enough to be a quote. */
function sentences(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => paragraph.match(/[^.;。！？]+[.;。！？]/gu) ?? [])
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.replace(/\s/g, "").length >= 8);
}

describe("quotes as a reader copies them are verified, with spans on the stored text", () => {
  const files = [
    "fidelity/wrapped.txt",
    "fidelity/lease.docx",
    "fidelity/assay.html",
    "fidelity/two-column.pdf",
    "fidelity/hyphenated.pdf",
    "fidelity/shift-jis.txt",
    "fidelity/gb18030.txt",
    "fidelity/nfd.txt",
    "shared-cases/rich-contract.docx",
    "shared-cases/two-column-rowwise.pdf",
    "shared-cases/hyphenated.pdf",
    "contract.pdf",
  ];
  it.each(files)("%s", async (path) => {
    const doc = await ingest(path);
    const rand = random(path.length * 7919);
    const all = sentences(doc.text);
    expect(all.length).toBeGreaterThan(0);
    const picked = Array.from({ length: Math.min(12, all.length) }, () => all[Math.floor(rand() * all.length)] as string);
    for (const sentence of picked) {
      // Half the time only a part of the sentence, from a random word to a random word.
      const parts = sentence.split(/(?<=\s)/);
      const from = rand() < 0.5 ? 0 : Math.floor(rand() * Math.max(1, parts.length - 2));
      const to = Math.max(from + 2, parts.length - (rand() < 0.5 ? 0 : Math.floor(rand() * 2)));
      const passage = parts.slice(from, to).join("");
      const quote = reflow(passage, rand);
      const span = locateQuote(doc.text, quote);
      expect(span, `${path}: ${JSON.stringify(quote)}`).toBeDefined();
      if (!span) continue;
      expect(words(doc.text.slice(span.start, span.end)), quote).toBe(words(quote));
    }
  });

  it("finds the wrapped words of the fixture as a reader types them", async () => {
    const doc = await ingest("fidelity/wrapped.txt");
    const cases: [string, string][] = [
      ["the Software without", "the Soft-\nware without"],
      ["Any third-party component", "Any third-\nparty component"],
      ["its own licence terms", "its own li-\ncence terms"],
      ["有效期为三年。", "有效期为三\n年。"],
      ["効力を生じるものとする。", "効力を生じ\nるものとする。"],
    ];
    for (const [quote, stored] of cases) {
      const span = locateQuote(doc.text, quote);
      expect(span && doc.text.slice(span.start, span.end)).toBe(stored);
    }
  });

  it("finds a composed quote in a decomposed text that reached the matcher unnormalised", () => {
    const text = "Le caf\u0065\u0301 est ferm\u0065\u0301.";
    const span = locateQuote(text, "Le café est fermé.");
    expect(span && text.slice(span.start, span.end)).toBe(text);
  });
});

describe("layout tolerance never joins unrelated passages", () => {
  it("does not verify two half-sentences from different columns", async () => {
    for (const path of ["fidelity/two-column.pdf", "shared-cases/two-column-rowwise.pdf"]) {
      const doc = await ingest(path);
      const left = "Section 1. The Supplier shall deliver the goods within thirty days of the order date.";
      const right = "Section 2. The Customer shall pay each invoice within fourteen days of receipt.";
      expect(locateQuote(doc.text, left)).toBeDefined();
      expect(locateQuote(doc.text, right)).toBeDefined();
      const rand = random(17);
      const leftWords = left.split(" ");
      const rightWords = right.split(" ");
      for (let i = 0; i < 20; i++) {
        const cutLeft = 1 + Math.floor(rand() * (leftWords.length - 2));
        const cutRight = 1 + Math.floor(rand() * (rightWords.length - 2));
        const mixed = [...rightWords.slice(0, cutRight), ...leftWords.slice(cutLeft)].join(" ");
        const mixedOther = [...leftWords.slice(0, cutLeft), ...rightWords.slice(cutRight)].join(" ");
        // Columns share words ("Section", "The", "shall"): a mix that is one column's own text is no mix.
        for (const quote of [mixed, mixedOther].filter((q) => !left.includes(q) && !right.includes(q))) {
          expect(locateQuote(doc.text, quote), quote).toBeUndefined();
        }
      }
      // The false sentence the row-wise drawing order made, and the end of one column run into the next.
      expect(locateQuote(doc.text, "The Customer shall deliver the goods within thirty")).toBeUndefined();
      expect(locateQuote(doc.text, "Section 1. The Supplier shall Section 2. The Customer shall")).toBeUndefined();
      expect(locateQuote(doc.text, "days of the order date. Section 2.")).toBeUndefined();
    }
  });

  it("treats a hyphen as layout only at a line end", () => {
    expect(locateQuote("a well-known fact", "a wellknown fact")).toBeUndefined();
    expect(locateQuote("re-sign the form", "resign the form")).toBeUndefined();
    expect(locateQuote("the price is 5 - 3", "the price is 53")).toBeUndefined();
  });
});

describe("PDF reading order", () => {
  it("reads a two-column page column by column and keeps page spans right", async () => {
    const doc = await ingest("fidelity/two-column.pdf");
    const page1 =
      "Section 1. The Supplier shall\ndeliver the goods within thirty\ndays of the order date.\n\nSection 2. The Customer shall\npay each invoice within fourteen\ndays of receipt.";
    expect(doc.text).toBe(`${page1}\n\nPage two holds the signatures.`);
    expect(doc.pages).toEqual([
      { number: 1, start: 0, end: page1.length },
      { number: 2, start: page1.length + 2, end: doc.text.length },
    ]);
    const span = locateQuote(doc.text, "Page two holds the signatures.");
    expect(span && pageAt(doc.pages, span.start)).toBe(2);
    expect(pageAt(doc.pages, locateQuote(doc.text, "days of receipt.")?.start ?? -1)).toBe(1);
  });

  it("reads a contents page row by row: a column of page numbers is not a column of text", async () => {
    const doc = await ingest("fidelity/contents.pdf");
    expect(doc.text).toBe("1. Definitions 3\n2. Services 5\n3. Fees and payment 8\n4. Liability 12");
  });

  it("joins words hyphenated at a line end and keeps a compound's hyphen", async () => {
    const doc = await ingest("fidelity/hyphenated.pdf");
    expect(doc.text).toBe("The Supplier shall indemnify the Customer against all third-\nparty claims arising from the Services, without limitation.");
    const span = locateQuote(doc.text, "against all third-party claims");
    expect(span && doc.text.slice(span.start, span.end)).toBe("against all third-\nparty claims");
  });
});
