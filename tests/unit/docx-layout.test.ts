import { describe, expect, it } from "vitest";
import { layoutDocx, type DocxNode } from "@/lib/documents/docx-layout";

const paragraph = (text: string, numbering?: { level: string; isOrdered: boolean }): DocxNode => ({
  type: "paragraph",
  numbering: numbering ?? null,
  children: [{ type: "run", children: [{ type: "text", value: text }] }],
});
const parts = { listLabels: [] as string[], headers: [], footers: [], title: undefined };

describe("layoutDocx", () => {
  it("uses the labels read from numbering.xml when they line up with mammoth's numbered paragraphs", () => {
    const model = { children: [paragraph("Scope", { level: "0", isOrdered: true }), paragraph("Detail", { level: "1", isOrdered: true })], notes: [], comments: [] };
    expect(layoutDocx(model, { ...parts, listLabels: ["Article I", "(a)"] }).text).toBe("Article I Scope\n\n(a) Detail");
  });

  it("numbers by level when the XML scan and mammoth disagree, rather than shifting every label", () => {
    const model = {
      children: [paragraph("One", { level: "0", isOrdered: true }), paragraph("One.one", { level: "1", isOrdered: true }), paragraph("Two", { level: "0", isOrdered: true }), paragraph("Point", { level: "0", isOrdered: false })],
      notes: [],
      comments: [],
    };
    expect(layoutDocx(model, { ...parts, listLabels: ["1."] }).text).toBe("1. One\n\n1.1. One.one\n\n2. Two\n\n• Point");
  });
});
