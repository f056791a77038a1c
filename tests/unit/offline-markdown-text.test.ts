// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/components/ui/render-markdown";
import { markdownText } from "@/lib/llm/offline/markdown-text";

/** The visible text of rendered Markdown, and whether it made any inline element. */
function rendered(source: string): { text: string; elements: number } {
  const box = document.createElement("div");
  box.innerHTML = renderMarkdown(source);
  return { text: (box.textContent ?? "").trim(), elements: box.querySelectorAll("*").length };
}

describe("document text inside the offline report's Markdown", () => {
  const quotes = ["set __NOGLOBS__ before running", "a *starred* term and `code`", "see [Annex 1](annex-1) <b>now</b>", "# not a heading | not a table ~~no strike~~", "path C:\\temp\\_x_"];

  it.each(quotes)("reads exactly as the document: %s", (quote) => {
    const out = rendered(`The passage “${markdownText(quote)}” matters.`);
    expect(out.text).toBe(`The passage “${quote}” matters.`);
    expect(out.elements).toBe(0);
  });

  it("without escaping, the same text would turn into formatting", () => {
    expect(rendered("set __NOGLOBS__ before running").elements).toBeGreaterThan(0);
  });
});
