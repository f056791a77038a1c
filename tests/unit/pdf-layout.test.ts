import { describe, expect, it } from "vitest";
import type { PdfTextRun } from "@/lib/documents/parse-in-worker";
import { documentVocabulary, layoutPage } from "@/lib/documents/pdf-layout";
import { locateQuote } from "@/lib/engine/locate-quotes";

/** Text items one per line, 12 pt apart, as pdf.js reports a simple page. */
const lines = (...texts: string[]): PdfTextRun[] => texts.map((str, i) => ({ str, x: 72, y: 700 - i * 12, width: str.length * 5, height: 10, hasEOL: true }));

describe("layoutPage: a hyphen at a line end", () => {
  it("joins a word broken at a line end and keeps a compound's hyphen", () => {
    expect(layoutPage(lines("the Cus-", "tomer and a third-", "party"))).toBe("the Customer and a third-\nparty");
  });

  it("lets the document decide: a word written whole elsewhere joins, a compound written with its hyphen stays", () => {
    const page = lines("we co-", "operate and we re-", "sign today");
    // Without evidence the word list decides: "cooperate" and "resign" are words.
    expect(layoutPage(page)).toBe("we cooperate and we resign today");
    const elsewhere = lines("they cooperate and re-sign");
    expect(layoutPage(page, documentVocabulary([page, elsewhere]))).toBe("we cooperate and we re-\nsign today");
    const hyphenated = lines("they co-operate and resign");
    expect(layoutPage(page, documentVocabulary([page, hyphenated]))).toBe("we co-\noperate and we resign today");
    const whole = lines("a well-", "known fact");
    expect(layoutPage(whole, documentVocabulary([whole, lines("wellknown")]))).toBe("a wellknown fact");
  });

  it("without evidence in the document, an English word list decides: a whole word joins, two words that are not one keep the hyphen", () => {
    const page = lines("a machine-", "readable file, the Con-", "tractors' read-", "only copy, a data-", "driven per-", "formance of Kuber-", "netes");
    expect(layoutPage(page)).toBe("a machine-\nreadable file, the Contractors' read-\nonly copy, a data-\ndriven performance of Kubernetes");
    // The document outranks the list: "readonly" written whole elsewhere joins.
    expect(layoutPage(page, documentVocabulary([page, lines("a readonly copy")]))).toContain("the Contractors' readonly copy");
    // A compound's usual head before a word keeps its hyphen (a quote then verifies with or without
    // it); before a fragment, the list's whole word joins.
    const text = layoutPage(lines("a non-", "exclusive, third-", "party licence, pre-", "ferred by the ex-", "cluded user"));
    expect(text).toBe("a non-\nexclusive, third-\nparty licence, preferred by the excluded user");
    for (const quote of ["non-exclusive, third-party licence", "nonexclusive, thirdparty licence"]) expect(locateQuote(text, quote)).toEqual({ start: 2, end: text.indexOf("licence") + "licence".length });
  });

  it("never joins before a capital or a non-letter, except a word in capitals going on in capitals", () => {
    expect(layoutPage(lines("Franco-", "Prussian war, item-", "3"))).toBe("Franco-\nPrussian war, item-\n3");
    expect(layoutPage(lines("THE PROGRAM IS PROVIDED WITHOUT WAR-", "RANTY OF ANY KIND, NON-", "INFRINGEMENT OR MER-", "CHANTABILITY; SEE ALSO-", "Prussian"))).toBe(
      "THE PROGRAM IS PROVIDED WITHOUT WARRANTY OF ANY KIND, NON-\nINFRINGEMENT OR MERCHANTABILITY; SEE ALSO-\nPrussian",
    );
  });
});

describe("layoutPage: columns", () => {
  /** Two columns of `rows` lines drawn row by row; `left`/`right` give each line's text. */
  const columns = (left: string[], right: string[]): PdfTextRun[] =>
    left.flatMap((str, i) => {
      const y = 700 - i * 12;
      const row: PdfTextRun[] = [{ str, x: 72, y, width: str.length * 5, height: 10, hasEOL: true }];
      const other = right[i];
      if (other !== undefined) row.push({ str: other, x: 330, y, width: other.length * 5, height: 10, hasEOL: true });
      return row;
    });
  const LEFT = ["The Supplier shall deliver the", "Services in full and on time", "to the Customer named in the", "Order, at its own cost and risk."];
  const RIGHT = ["The Customer shall pay each", "invoice within thirty days of", "its date, without any set-off", "or deduction whatsoever."];

  it("reads column by column", () => {
    expect(layoutPage(columns(LEFT, RIGHT))).toBe(`${LEFT.join("\n")}\n\n${RIGHT.join("\n")}`);
  });

  it("keeps a line that overflows its column, under the next column's text, in its own column", () => {
    const left = [...LEFT];
    left[1] = "Services in full and on time, every time, whatever the weather"; // runs on under "invoice within…"
    expect(layoutPage(columns(left, RIGHT))).toBe(`${left.join("\n")}\n\n${RIGHT.join("\n")}`);
  });

  it("keeps a title across both columns where it is, also when its runs touch", () => {
    const title: PdfTextRun = { str: "TERMS AND CONDITIONS OF SUPPLY AND PAYMENT FOR SERVICES", x: 72, y: 712, width: 400, height: 10, hasEOL: true };
    expect(layoutPage([title, ...columns(LEFT, RIGHT)])).toBe(`${title.str}\n${LEFT.join("\n")}\n\n${RIGHT.join("\n")}`);
    // Two runs of one title line, the first's width a little past the second's start.
    const runs: PdfTextRun[] = [
      { str: "TERMS AND CONDITIONS OF SUPPLY AND", x: 72, y: 712, width: 262, height: 10, hasEOL: false },
      { str: " PAYMENT FOR SERVICES", x: 332, y: 712, width: 140, height: 10, hasEOL: true },
    ];
    expect(layoutPage([...runs, ...columns(LEFT, RIGHT)])).toBe(`TERMS AND CONDITIONS OF SUPPLY AND PAYMENT FOR SERVICES\n${LEFT.join("\n")}\n\n${RIGHT.join("\n")}`);
  });
});
