import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";

const SAFE_URL = /^(?:https?:|mailto:)/i;

/** Markdown hands link targets over entity-decoded except `&amp;`, which models copy from HTML. */
function plainUrl(href: string): string {
  return href.trim().replace(/&amp;/g, "&");
}

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
      const href = plainUrl(token.href);
      if (!SAFE_URL.test(href)) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<a href="${escapeHtml(href)}"${title} target="_blank" rel="noopener noreferrer nofollow">${text}</a>`;
    },
    image(token: Tokens.Image) {
      const label = `<span class="md-image">[image: ${escapeHtml(token.text || "untitled")}]</span>`;
      const href = plainUrl(token.href);
      if (!SAFE_URL.test(href)) return label;
      return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer nofollow">${label}</a>`;
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
    // DOMPurify checks every other attribute's value against ALLOWED_URI_REGEXP; these carry no URL.
    ADD_URI_SAFE_ATTR: ["target", "rel", "align", "start"],
  });
}
