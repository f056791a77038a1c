import { describe, expect, it } from "vitest";
import type { Document } from "@/lib/documents/document";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { coverableSections, shortTitle } from "@/lib/llm/offline/coverable-sections";
import { indexText } from "@/lib/llm/offline/text";
import { loadFixture, runOfflinePipeline } from "../support/offline-pipeline";

/** The reviewer's "Not covered: …" findings name real, unread sections — never a title, contents list or empty heading. */
const notCovered = (findings: ReadonlyArray<{ title: string }>): string[] => findings.map((f) => f.title).filter((t) => t.startsWith("Not covered: "));
const body = (words: number): string => Array.from({ length: words }, (_, i) => `word${i}`).join(" ");

function doc(text: string): Document {
  return { title: "Sample", fileName: "sample.txt", mediaType: "text/plain", format: "text", text, pages: [], byteSize: text.length, sha256: "0".repeat(64) };
}

describe("coverableSections", () => {
  const titles = (text: string): string[] => coverableSections(indexText(doc(text).text)).map((s) => s.title);

  it("leaves out the title, a contents list, a closing marker and a heading with no body; keeps sections with a body", () => {
    const entries = ["Scope of the services and the service levels .......... 2", "Fees, invoicing and late payment interest .......... 3", "Term, renewal and termination for convenience .......... 4", "Liability, indemnities and insurance cover .......... 5", "Governing law and the courts of England and Wales .......... 6", "Schedules, annexes and the order of precedence between them .......... 7"];
    const text = [
      "MASTER SERVICES AGREEMENT", "", `This Agreement is made between two parties. ${body(60)}`, "",
      "CONTENTS", ...entries.map((e) => e.replace(/ \.+ \d+$/, "")), "",
      "WHAT THIS AGREEMENT CONTAINS", ...entries, "",
      "PART A", "",
      "1. Scope", `${body(60)}.`, "",
      "2. Fees", `${body(60)}.`, "",
      "END OF TERMS AND CONDITIONS", "", `${body(60)}.`, "",
    ].join("\n");
    expect(titles(text)).toEqual(["Scope", "Fees"]);
  });

  it("keeps a first heading that is a standard section name or numbered (it is a section, not a title)", () => {
    expect(titles(`Abstract\n${body(60)}.\n\n1. Method\n${body(60)}.\n`)).toEqual(["Abstract", "Method"]);
    expect(titles(`1. Services\n${body(60)}.\n`)).toEqual(["Services"]);
  });

  it("keeps an unnumbered heading with a body when text comes before it", () => {
    expect(titles(`Some opening words.\n\nGOVERNING LAW\n${body(60)}.\n`)).toEqual(["GOVERNING LAW"]);
  });

  it("cuts the run-on words of a wrapped heading line", () => {
    expect(shortTitle("Accepting Warranty or Additional Liability. While redistributing")).toBe("Accepting Warranty or Additional Liability");
    expect(shortTitle("Governing Law")).toBe("Governing Law");
  });
});

describe("reviewer coverage on the fixtures", () => {
  it("does not report the contract's title as not covered, and still reports its uncovered Governing Law clause", async () => {
    for (const file of ["contract.txt", "contract.pdf", "contract.docx"]) {
      const titles = notCovered(runOfflinePipeline(await loadFixture(file), DEFAULT_REQUEST).findings);
      expect(titles, file).not.toContain("Not covered: MASTER SERVICES AGREEMENT");
      expect(titles, file).toContain("Not covered: Governing Law");
    }
  });

  it.each([
    ["gpl-3.0.txt", "GNU GENERAL PUBLIC LICENSE"],
    ["apache-2.0.txt", "END OF TERMS AND CONDITIONS"],
  ])("%s: no “Not covered: %s”", async (file, heading) => {
    const titles = notCovered(runOfflinePipeline(await loadFixture(file), DEFAULT_REQUEST).findings);
    expect(titles).not.toContain(`Not covered: ${heading}`);
    expect(titles.length).toBeGreaterThan(0);
  });

  it("names a wrapped clause heading without its run-on words (apache-2.0 clause 9)", async () => {
    const titles = notCovered(runOfflinePipeline(await loadFixture("apache-2.0.txt"), DEFAULT_REQUEST).findings);
    expect(titles).toContain("Not covered: Accepting Warranty or Additional Liability");
  });
});
