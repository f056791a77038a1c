import { describe, expect, it } from "vitest";
import type { PdfTextRun } from "@/lib/documents/parse-in-worker";
import { documentVocabulary, layoutPage } from "@/lib/documents/pdf-layout";

/** Text items one per line, 12 pt apart, as pdf.js reports a simple page. */
const lines = (...texts: string[]): PdfTextRun[] => texts.map((str, i) => ({ str, x: 72, y: 700 - i * 12, width: str.length * 5, height: 10, hasEOL: true }));

describe("layoutPage: a hyphen at a line end", () => {
  it("joins a word broken at a line end and keeps a compound's hyphen", () => {
    expect(layoutPage(lines("the Cus-", "tomer and a third-", "party"))).toBe("the Customer and a third-\nparty");
  });

  it("lets the document decide: a word written whole elsewhere joins, a compound written with its hyphen stays", () => {
    const page = lines("we co-", "operate and we re-", "sign today");
    // Without evidence: "co" usually heads a compound, "re" is a broken word.
    expect(layoutPage(page)).toBe("we co-\noperate and we resign today");
    const elsewhere = lines("they cooperate and re-sign");
    expect(layoutPage(page, documentVocabulary([page, elsewhere]))).toBe("we cooperate and we re-\nsign today");
    const whole = lines("a well-", "known fact");
    expect(layoutPage(whole, documentVocabulary([whole, lines("wellknown")]))).toBe("a wellknown fact");
  });

  it("never joins before a capital or a non-letter", () => {
    expect(layoutPage(lines("Franco-", "Prussian war, item-", "3"))).toBe("Franco-\nPrussian war, item-\n3");
  });
});
