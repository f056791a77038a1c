import { describe, expect, it } from "vitest";
import { locateQuote, verifyCitation, verifyFinding } from "@/lib/engine/locate-quotes";
import { mergeFindings } from "@/lib/engine/build-report";
import type { Finding } from "@/lib/engine/findings";
import { makeDocument } from "../support/make-document";

const text = "Clause 1. The Supplier shall deliver\n  the goods within 30 days.\n\nClause 2. The Supplier shall deliver the invoice.";

describe("locateQuote", () => {
  it("finds an exact quote", () => {
    const span = locateQuote(text, "within 30 days");
    expect(span && text.slice(span.start, span.end)).toBe("within 30 days");
  });

  it("finds a quote whose whitespace was re-flowed and returns the document's own wording", () => {
    const span = locateQuote(text, "shall deliver the goods within");
    expect(span && text.slice(span.start, span.end)).toBe("shall deliver\n  the goods within");
  });

  it("prefers the occurrence nearest the claimed position", () => {
    const second = text.lastIndexOf("The Supplier shall deliver");
    expect(locateQuote(text, "The Supplier shall deliver", second - 3)?.start).toBe(second);
    expect(locateQuote(text, "The Supplier shall deliver")?.start).toBe(text.indexOf("The Supplier shall deliver"));
  });

  it("returns undefined for a quote that is not there", () => {
    expect(locateQuote(text, "within 60 days")).toBeUndefined();
  });
});

describe("verifyFinding", () => {
  it("keeps verified citations with pages and sets apart invented quotes", () => {
    const doc = makeDocument(text, { pages: [{ number: 1, start: 0, end: 62 }, { number: 2, start: 62, end: text.length }] });
    const finding = verifyFinding(
      { severity: "warning", title: "t", detail: "d", quotes: [{ quote: "the invoice" }, { quote: "penalty of 1%" }, { quote: "Clause 1.", start: 0, end: 9 }] },
      doc,
      "task-1",
    );
    expect(finding.citations).toEqual([
      { start: text.indexOf("the invoice"), end: text.indexOf("the invoice") + 11, quote: "the invoice", page: 2 },
      { start: 0, end: 9, quote: "Clause 1.", page: 1 },
    ]);
    expect(finding.unverifiedQuotes).toEqual(["penalty of 1%"]);
    expect(finding.taskId).toBe("task-1");
  });

  it("relocates a citation whose span is wrong and drops one that is invented", () => {
    const doc = makeDocument(text);
    expect(verifyCitation(doc, { start: 0, end: 5, quote: "30 days" })?.start).toBe(text.indexOf("30 days"));
    expect(verifyCitation(doc, { start: 0, end: 5, quote: "90 days" })).toBeUndefined();
  });
});

describe("mergeFindings", () => {
  const f = (severity: Finding["severity"], title: string, start: number, taskId: string): Finding => ({
    severity, title, detail: "", citations: [{ start, end: start + 10, quote: "q" }], unverifiedQuotes: [], taskId,
  });

  it("merges the same issue on the same passage, keeping the more severe rating, and sorts by severity", () => {
    const merged = mergeFindings([f("info", "Other", 100, "c"), f("warning", "Unlimited liability", 0, "a"), f("critical", "Unlimited  liability!", 5, "b")]);
    expect(merged.map((m) => [m.severity, m.taskId])).toEqual([["critical", "b"], ["info", "c"]]);
    expect(merged[0]?.citations.map((c) => c.start)).toEqual([0, 5]);
  });
});
