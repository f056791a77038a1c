// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/components/ui/render-markdown";

describe("renderMarkdown", () => {
  it("renders Markdown", () => {
    expect(renderMarkdown("**bold** and a [link](https://example.com)")).toContain('<strong>bold</strong>');
    expect(renderMarkdown("[link](https://example.com)")).toContain('href="https://example.com"');
  });

  it("shows raw HTML as text instead of running it", () => {
    const html = renderMarkdown('<script>alert(1)</script><b onclick="x()">hi</b>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b ");
    const box = document.createElement("div");
    box.innerHTML = html;
    expect(box.querySelector("script, b")).toBeNull();
    expect(box.textContent).toContain("<script>alert(1)</script>");
  });

  it("drops javascript: and data: links but keeps their text", () => {
    const html = renderMarkdown("[click](javascript:alert(1)) [data](data:text/html,x) [mail](mailto:a@b.c)");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text");
    expect(html).toContain("click");
    expect(html).toContain('href="mailto:a@b.c"');
  });

  it("never loads images", () => {
    const html = renderMarkdown("![tracker](https://evil.example/pixel.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain("[image: tracker]");
  });
});
