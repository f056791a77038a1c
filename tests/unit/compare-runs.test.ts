import { describe, expect, it } from "vitest";
import { compareRuns } from "@/lib/compare/compare-runs";
import { diffDocuments } from "@/lib/compare/document-diff";
import { compareFindings } from "@/lib/compare/match-findings";
import { comparePlans } from "@/lib/compare/match-plans";
import type { Finding, Severity } from "@/lib/engine/findings";
import { initialRunState } from "@/lib/engine/reduce-run";
import type { RunState } from "@/lib/engine/run-state";
import { task } from "@/lib/llm/scripted/scripted-port";

const finding = (title: string, severity: Severity, text: string, quote: string): Finding => {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`quote not in text: ${quote}`);
  return { severity, title, detail: "", citations: [{ start, end: start + quote.length, quote }], unverifiedQuotes: [] };
};

describe("comparePlans", () => {
  it("matches tasks by worker, then by the most similar description, and names what changed", () => {
    const a = [
      { ...task("risk", [], "high", "contract-risk"), description: "Assess liability and indemnity risk" },
      { ...task("facts", [], "medium", "key-facts"), description: "List parties and dates" },
      { ...task("sum", ["facts"], "low", "summarizer"), description: "Summarise" },
    ];
    const b = [
      { ...task("r2", [], "medium", "contract-risk"), description: "Assess liability risk only" },
      { ...task("k", [], "medium", "key-facts"), description: "List parties and dates" },
      { ...task("rev", ["k"], "medium", "reviewer"), description: "Review" },
    ];
    const result = comparePlans(a, b);
    expect(result.matched.map((p) => [p.a.id, p.b.id, p.changes])).toEqual([
      ["risk", "r2", ["description", "priority"]],
      ["facts", "k", []],
    ]);
    expect(result.onlyA.map((t) => t.id)).toEqual(["sum"]);
    expect(result.onlyB.map((t) => t.id)).toEqual(["rev"]);
  });
});

describe("compareFindings", () => {
  const text = "The Supplier's liability is unlimited. Fees are due in 30 days. The term renews automatically.";

  it("pairs findings whose citations overlap even under another title, and reports severity changes", () => {
    const a = [finding("Unlimited liability", "critical", text, "liability is unlimited"), finding("Auto-renewal", "warning", text, "renews automatically")];
    const b = [finding("Supplier exposure", "warning", text, "Supplier's liability"), finding("Payment terms", "info", text, "due in 30 days")];
    const result = compareFindings(a, b, { sameText: true });
    expect(result.changedSeverity.map((p) => [p.a.title, p.b.title, p.how])).toEqual([["Unlimited liability", "Supplier exposure", "citation"]]);
    expect(result.removed.map((f) => f.title)).toEqual(["Auto-renewal"]);
    expect(result.added.map((f) => f.title)).toEqual(["Payment terms"]);
    expect(result.unchanged).toEqual([]);
  });

  it("pairs findings by similar titles when their evidence differs, and not dissimilar ones", () => {
    const a = [finding("Automatic renewal of the term", "warning", text, "renews automatically")];
    const b = [finding("Term renewal is automatic", "warning", text, "Fees are due")];
    expect(compareFindings(a, b, { sameText: true }).unchanged.map((p) => p.how)).toEqual(["title"]);
    const c = [finding("Payment terms", "warning", text, "Fees are due")];
    expect(compareFindings(a, c, { sameText: true }).unchanged).toEqual([]);
  });

  it("across two versions of a document, pairs by identical quotes, not by offsets", () => {
    const v2 = `Preamble added. ${text}`;
    const a = [finding("X", "critical", text, "liability is unlimited")];
    const b = [finding("Y", "critical", v2, "liability is unlimited")];
    expect(compareFindings(a, b, { sameText: false }).unchanged.map((p) => p.how)).toEqual(["citation"]);
  });
});

describe("diffDocuments", () => {
  it("gives each changed passage its offsets and the findings that cite it", async () => {
    const a = "Clause 1. Fees are due in 30 days.\nClause 2. Liability is capped at the fees.\nClause 3. Term of 12 months.\n";
    const b = "Clause 1. Fees are due in 30 days.\nClause 2. Liability is unlimited.\nClause 3. Term of 12 months.\n";
    const fa = [finding("Cap", "info", a, "capped at the fees"), finding("Fees", "info", a, "due in 30 days")];
    const fb = [finding("Unlimited", "critical", b, "Liability is unlimited")];
    const diff = await diffDocuments({ a: { text: a, findings: fa }, b: { text: b, findings: fb } });
    if ("tooLarge" in diff) throw new Error("unexpected");
    expect(diff.passages.map((p) => p.kind)).toEqual(["same", "removed", "added", "same"]);
    const removed = diff.passages[1];
    const added = diff.passages[2];
    expect(a.slice(removed?.aStart, removed?.aEnd)).toBe("Clause 2. Liability is capped at the fees.\n");
    expect(b.slice(added?.bStart, added?.bEnd)).toBe("Clause 2. Liability is unlimited.\n");
    expect(removed?.findings).toEqual([{ run: "a", index: 0, title: "Cap", severity: "info" }]);
    expect(added?.findings).toEqual([{ run: "b", index: 0, title: "Unlimited", severity: "critical" }]);
    expect(diff).toMatchObject({ added: 1, removed: 1 });
  });

  it("shortens a long unchanged passage between words, never inside one, and counts what it leaves out", async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(" ");
    const a = `${words}\nClause 2. Old.\n`;
    const b = `${words}\nClause 2. New.\n`;
    const diff = await diffDocuments({ a: { text: a, findings: [] }, b: { text: b, findings: [] } });
    if ("tooLarge" in diff) throw new Error("unexpected");
    const same = diff.passages[0];
    if (!same?.elided) throw new Error("the long passage was not shortened");
    const [head = "", tail = ""] = same.text.split("\n…\n");
    expect(head).toMatch(/^word0 .* word\d+ $/);
    expect(tail).toMatch(/^word\d+ .* word119\n$/);
    expect(words.split(" ")).toContain(head.trim().split(" ").at(-1));
    expect(words.split(" ")).toContain(tail.trim().split(" ")[0]);
    expect(head.length + same.elided + tail.length).toBe(words.length + 1);
  });

  it("gives up with a reason instead of running unbounded", async () => {
    const a = Array.from({ length: 400 }, (_, i) => `line a ${i}`).join("\n");
    const b = Array.from({ length: 400 }, (_, i) => `line b ${i}`).join("\n");
    expect(await diffDocuments({ a: { text: a, findings: [] }, b: { text: b, findings: [] }, maxEditLines: 10 })).toEqual({
      tooLarge: true,
      reason: "The documents differ too much to show a line diff.",
    });
  });
});

describe("compareRuns", () => {
  const run = (id: string, text: string, sha: string, title: string, patch: Partial<RunState>): { id: string; createdAt: string; state: RunState; documentText: string } => ({
    id,
    createdAt: "2026-01-01T00:00:00.000Z",
    documentText: text,
    state: {
      ...initialRunState(id),
      status: "succeeded",
      document: { title, fileName: `${title}.txt`, mediaType: "text/plain", format: "text", byteSize: text.length, sha256: sha, chars: text.length },
      startedAt: "2026-01-01T00:00:00.000Z",
      endedAt: "2026-01-01T00:00:02.500Z",
      ...patch,
    },
  });

  it("says whether the documents are the same, two versions, or different, and diffs only differing texts", async () => {
    const same = await compareRuns(run("a", "x\n", "s1", "Deal", {}), run("b", "x\n", "s1", "Deal", { review: true, planEdits: [{ at: "t", by: "web" }] }));
    expect(same.documents).toBe("same");
    expect(same.documentDiff).toBeNull();
    expect(same.a.durationMs).toBe(2500);
    expect(same.b).toMatchObject({ review: true, edited: true });
    const versions = await compareRuns(run("a", "x\n", "s1", "Deal", {}), run("b", "y\n", "s2", " deal ", {}));
    expect(versions.documents).toBe("versions");
    expect(versions.documentDiff).not.toBeNull();
    expect((await compareRuns(run("a", "x\n", "s1", "Deal", {}), run("b", "y\n", "s2", "Other", {}))).documents).toBe("different");
  });
});
