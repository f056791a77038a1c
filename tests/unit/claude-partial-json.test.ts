import { describe, expect, it } from "vitest";
import { createStringFieldExtractor } from "../../lib/llm/claude/partial-json";

/** Feeds `json` in chunks of `size` and returns the deltas. */
function feed(field: string, json: string, size: number): { deltas: string[]; value: string; done: boolean } {
  const x = createStringFieldExtractor(field);
  const deltas: string[] = [];
  for (let i = 0; i < json.length; i += size) {
    const d = x.push(json.slice(i, i + size));
    if (d) deltas.push(d);
  }
  return { deltas, value: x.value, done: x.done };
}

describe("createStringFieldExtractor", () => {
  const output = {
    status: "success",
    result: 'Line 1\nHe said "hi" \\ ok \u00e9 \u2603 😀 tab\there',
    findings: [{ title: "x", result: "nested, must be ignored", quotes: [{ quote: '"result": "fake"' }] }],
    errors: [],
  };
  const json = JSON.stringify(output);

  it("decodes the field exactly, whatever the chunking", () => {
    for (const size of [1, 2, 3, 5, 7, 16, 1000]) {
      const r = feed("result", json, size);
      expect(r.value).toBe(output.result);
      expect(r.deltas.join("")).toBe(output.result);
      expect(r.done).toBe(true);
    }
  });

  it("streams progressively rather than at the end", () => {
    const r = feed("result", json, 4);
    expect(r.deltas.length).toBeGreaterThan(5);
  });

  it("handles \\u escapes and surrogate pairs split across chunks without emitting half a character", () => {
    const escaped = '{"result":"a\\u00e9b\\ud83d\\ude00c"}';
    for (let size = 1; size <= escaped.length; size++) {
      const r = feed("result", escaped, size);
      expect(r.value).toBe("aéb😀c");
      for (const d of r.deltas) expect(d).not.toMatch(/[\ud800-\udbff]$/);
    }
  });

  it("ignores the same key in nested objects and inside other strings", () => {
    const tricky = JSON.stringify({ findings: [{ result: "no" }], note: '"result":"no"', result: "yes" });
    expect(feed("result", tricky, 3).value).toBe("yes");
  });

  it("ignores non-string values and reports nothing when the field is absent", () => {
    expect(feed("result", '{"result": null, "x": "y"}', 2).value).toBe("");
    const r = feed("analysis", JSON.stringify({ mode: "direct", tasks: [] }), 5);
    expect(r.value).toBe("");
    expect(r.done).toBe(false);
  });

  it("copes with whitespace between tokens and stops after the closing quote", () => {
    const spaced = '{\n  "analysis" :  "Plan: two \\"workers\\"",\n  "mode": "orchestrate", "analysis": "again"\n}';
    expect(feed("analysis", spaced, 3).value).toBe('Plan: two "workers"');
  });

  it("returns partial text for an unfinished stream", () => {
    const r = feed("result", '{"status":"success","result":"The contract is one-si', 6);
    expect(r.value).toBe("The contract is one-si");
    expect(r.done).toBe(false);
  });
});
