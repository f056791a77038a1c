import { describe, expect, it } from "vitest";
import { ingestDocument } from "@/lib/documents/ingest";
import { boundDeltas, MAX_DELTA_CHARS, MAX_EVENT_BYTES, splitDeltaText } from "@/lib/engine/bounded-events";
import { createMemorySink } from "@/lib/engine/event-stamp";
import type { Citation } from "@/lib/engine/findings";
import { MAX_CITATION_CHARS, verifyFinding } from "@/lib/engine/locate-quotes";
import { DEFAULT_LIMITS, executeRun } from "@/lib/engine/run-engine";
import { createOfflinePort } from "@/lib/llm/offline";
import { makeDocument } from "../support/make-document";

/** One 650 KB line of minified JavaScript, with an eval deep inside it. */
function minified(): string {
  let code = "";
  for (let i = 0; code.length < 650_000; i++) code += `function f${i}(a,b){var c=a+b;if(c>10){return c-1}return c*2};`;
  return `${code}function g(x){return eval("y"+x)};`;
}

describe("bounded citations and events on minified code", () => {
  it("cites at most a passage with its line:column, and keeps every run event under the size limit", async () => {
    const text = minified();
    const document = await ingestDocument({ bytes: new TextEncoder().encode(text), fileName: "bundle.min.js" });
    expect(document.format).toBe("code");
    const { sink, events } = createMemorySink({ runId: "r1" });
    await executeRun({ document, request: "Review this code for security problems." }, { port: createOfflinePort({ delayMs: 0 }), sink, signal: new AbortController().signal, limits: DEFAULT_LIMITS });
    expect(events.at(-1)?.type).toBe("run-end");
    const citations: Citation[] = [];
    for (const event of events) {
      expect(Buffer.byteLength(JSON.stringify(event)), event.type).toBeLessThanOrEqual(MAX_EVENT_BYTES);
      if (event.type === "task-end") citations.push(...event.output.findings.flatMap((finding) => finding.citations));
      if (event.type === "synthesis-end") citations.push(...event.report.citations, ...event.report.findings.flatMap((finding) => finding.citations));
    }
    expect(citations.length).toBeGreaterThan(0);
    for (const citation of citations) {
      expect(citation.end - citation.start).toBeLessThanOrEqual(MAX_CITATION_CHARS);
      expect(document.text.slice(citation.start, citation.end)).toBe(citation.quote);
      expect(citation.line).toBe(1);
      expect(citation.column).toBe(citation.start + 1);
    }
  });

  it("reports line and column of a code citation, counted as an editor does", () => {
    const doc = makeDocument("import os\n\ndef run(cmd):\n    os.system(cmd)\n", { format: "code", language: "python", fileName: "x.py" });
    const finding = verifyFinding({ severity: "critical", title: "Shell", detail: "", quotes: [{ quote: "os.system(cmd)" }] }, doc);
    expect(finding.citations).toEqual([{ start: 29, end: 43, quote: "os.system(cmd)", line: 4, column: 5 }]);
  });

  it("caps a long quote at a word boundary near the limit", () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
    const finding = verifyFinding({ severity: "info", title: "t", detail: "", quotes: [{ quote: long }] }, makeDocument(long));
    const [citation] = finding.citations;
    expect(citation?.start).toBe(0);
    expect(citation && citation.end).toBeLessThanOrEqual(MAX_CITATION_CHARS);
    expect(citation && citation.end).toBeGreaterThan(MAX_CITATION_CHARS - 20);
    expect(long[citation?.end ?? 0]).toBe(" ");
  });
});

describe("boundDeltas", () => {
  it("streams a long delta as several in order, each small, never splitting a surrogate pair", async () => {
    const text = "😀".repeat(MAX_DELTA_CHARS) + "tail";
    expect(splitDeltaText(text).join("")).toBe(text);
    const { sink, events } = createMemorySink({ runId: "r" });
    const bounded = boundDeltas(sink);
    await bounded({ type: "synthesis-delta", text });
    await bounded({ type: "synthesis-start" });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    const deltas = events.filter((event) => event.type === "synthesis-delta");
    expect(deltas.length).toBe(3);
    expect(deltas.map((event) => (event.type === "synthesis-delta" ? event.text : "")).join("")).toBe(text);
    for (const event of deltas) {
      expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThanOrEqual(MAX_EVENT_BYTES);
      expect(event.type === "synthesis-delta" && /^[\udc00-\udfff]/.test(event.text)).toBe(false);
    }
  });
});
