import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";

const SAFE_URL = /^(?:https?:|mailto:)/i;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Model output is untrusted. Raw HTML is shown as text, links keep only http(s)/mailto targets,
 * and images become a text label (no request to a remote server on render).
 */
const marked = new Marked({ gfm: true, async: false }).use({
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_URL.test(token.href.trim())) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<a href="${escapeHtml(token.href.trim())}"${title} target="_blank" rel="noopener noreferrer nofollow">${text}</a>`;
    },
    image(token: Tokens.Image) {
      const label = `<span class="md-image">[image: ${escapeHtml(token.text || "untitled")}]</span>`;
      if (!SAFE_URL.test(token.href.trim())) return label;
      return `<a href="${escapeHtml(token.href.trim())}" target="_blank" rel="noopener noreferrer nofollow">${label}</a>`;
    },
  },
});

/** Browser-only (DOMPurify needs a DOM): call from client effects or memo after mount. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ["img", "style", "script", "iframe", "object", "embed", "form", "input", "button", "svg", "math", "video", "audio", "source", "picture"],
    FORBID_ATTR: ["style", "srcset"],
    ALLOWED_URI_REGEXP: SAFE_URL,
    ADD_ATTR: ["target"],
  });
}
