import { decodeEntities } from "./html-entities";

/**
 * HTML → readable text, the way a reader sees the page: no scripts, styles or navigation,
 * entities decoded, whitespace collapsed as a browser would, and a blank line between
 * blocks so paragraphs and headings survive. A hand-written scanner (not regexes over the
 * whole page) keeps it linear on hostile input.
 */
export function htmlToText(html: string): { text: string; title: string | undefined } {
  const { text, titleElement, firstH1 } = convert(html);
  return { text, title: cleanTitle(titleElement) ?? cleanTitle(firstH1) };
}

/** Elements whose content a reader never sees (or that is site chrome, not the document). */
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "math", "nav", "head", "iframe", "object", "canvas", "select", "button", "textarea"]);
/** Content is not markup: it runs to the matching end tag whatever it contains. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const PARAGRAPH = new Set([
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "hr",
  "section", "article", "aside", "header", "footer", "main", "address",
]);
const LINE = new Set(["div", "li", "tr", "dt", "dd", "figcaption", "caption", "details", "summary", "form", "fieldset", "legend"]);

type Tag = { name: string; closing: boolean; selfClosing: boolean; attributes: string; end: number };

/** Titles are captured during the one linear scan, not by regexes that could rescan the page. */
function convert(html: string): { text: string; titleElement: string | undefined; firstH1: string | undefined } {
  const out = createWriter();
  let titleElement: string | undefined;
  let firstH1: string | undefined;
  let inFirstH1 = false;
  const lists: { ordered: boolean; count: number }[] = [];
  let skip: { name: string; depth: number } | undefined;
  let preDepth = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt !== i) {
      const end = lt === -1 ? html.length : lt;
      if (!skip) {
        const text = decodeEntities(html.slice(i, end));
        out.text(text, preDepth > 0);
        if (inFirstH1) firstH1 = (firstH1 ?? "") + text;
      }
      i = end;
      continue;
    }
    if (html.startsWith("<!--", i)) {
      const close = html.indexOf("-->", i + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (html[i + 1] === "!" || html[i + 1] === "?") {
      const close = html.indexOf(">", i);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, i);
    if (!tag) {
      if (!skip) out.text("<", preDepth > 0);
      i += 1;
      continue;
    }
    if (tag === "eof") break; // an unterminated tag swallows the rest, as in a browser
    i = tag.end;
    const { name } = tag;
    if (!tag.closing && RAW_TEXT.has(name)) {
      const closer = new RegExp(`</${name}`, "gi");
      closer.lastIndex = i;
      const close = closer.exec(html)?.index ?? -1;
      const closeEnd = close === -1 ? -1 : html.indexOf(">", close);
      if (name === "title") titleElement ??= decodeEntities(html.slice(i, close === -1 ? html.length : close));
      i = closeEnd === -1 ? html.length : closeEnd + 1;
      continue; // every raw-text element is also skipped; only its extent matters
    }
    if (skip) {
      if (name === skip.name && !VOID.has(name) && !tag.selfClosing) skip.depth += tag.closing ? -1 : 1;
      if (skip.depth === 0) skip = undefined;
      continue;
    }
    if (!tag.closing && !VOID.has(name) && !tag.selfClosing && (SKIPPED.has(name) || isHidden(tag.attributes))) {
      skip = { name, depth: 1 };
      continue;
    }
    if (name === "h1") inFirstH1 = !tag.closing && firstH1 === undefined;
    if (name === "br") out.lineBreak();
    else if (name === "pre") {
      preDepth = Math.max(0, preDepth + (tag.closing ? -1 : 1));
      out.block(2);
      // HTML drops one newline straight after <pre>.
      if (!tag.closing && html[i] === "\n") i += 1;
    } else if (name === "ul" || name === "ol") {
      if (tag.closing) lists.pop();
      else lists.push({ ordered: name === "ol", count: 0 });
      out.block(lists.length > (tag.closing ? 0 : 1) ? 1 : 2);
    } else if (name === "li" && !tag.closing) {
      out.block(1);
      const list = lists.at(-1);
      if (list) list.count += 1;
      out.text(list?.ordered ? `${list.count}. ` : "- ", false);
    } else if ((name === "td" || name === "th") && !tag.closing) out.cell();
    else if (PARAGRAPH.has(name)) out.block(2);
    else if (LINE.has(name)) out.block(1);
  }
  return { text: out.result(), titleElement, firstH1 };
}

function readTag(html: string, start: number): Tag | "eof" | undefined {
  const closing = html[start + 1] === "/";
  const nameMatch = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(html.slice(start + (closing ? 2 : 1), start + 66));
  if (!nameMatch) return undefined;
  let quote: string | undefined;
  for (let j = start + 1 + nameMatch[0].length; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ">") {
      const attributes = html.slice(start + (closing ? 2 : 1) + nameMatch[0].length, j);
      return { name: nameMatch[0].toLowerCase(), closing, selfClosing: attributes.trimEnd().endsWith("/"), attributes, end: j + 1 };
    }
  }
  return "eof";
}

function isHidden(attributes: string): boolean {
  if (/aria-hidden\s*=\s*["']?true/i.test(attributes)) return true;
  // Blank out quoted values first so title="hidden gem" is not the `hidden` attribute.
  return /(?:^|\s)hidden(?:[\s=/]|$)/i.test(attributes.replace(/"[^"]*"|'[^']*'/g, '""'));
}

/**
 * Accumulates text with pending separators: a space or break is only written once the next
 * visible word arrives, so tags never leave stray spaces or blank lines at the edges. Output
 * is kept as parts and only the last one is ever inspected, so pages of any size stay linear.
 */
function createWriter() {
  const parts: string[] = [];
  let pendingBreak = 0;
  let pendingSpace = false;
  let pendingCell = false;

  const lastChar = () => parts.at(-1)?.at(-1) ?? "";
  const flush = () => {
    if (parts.length > 0) {
      if (pendingBreak > 0) {
        // Only preformatted text can leave trailing whitespace; fold its newlines into the break.
        let have = 0;
        while (parts.length > 0) {
          const last = parts.at(-1) ?? "";
          const trimmed = last.trimEnd();
          have += (last.slice(trimmed.length).match(/\n/g) ?? []).length;
          if (trimmed !== "") {
            parts[parts.length - 1] = trimmed;
            break;
          }
          parts.pop();
        }
        if (parts.length > 0) parts.push("\n".repeat(Math.max(pendingBreak, have)));
      } else if (pendingCell && lastChar() !== "\n") parts.push("\t");
      else if (pendingSpace && !/\s/.test(lastChar())) parts.push(" ");
    }
    pendingBreak = 0;
    pendingSpace = false;
    pendingCell = false;
  };

  return {
    text(raw: string, preformatted: boolean) {
      if (preformatted) {
        if (raw === "") return;
        flush();
        parts.push(raw);
        return;
      }
      const collapsed = raw.replace(/[ \t\n\r\f]+/g, " ");
      const content = collapsed.trim();
      if (collapsed.startsWith(" ")) pendingSpace = true;
      if (content === "") return;
      flush();
      parts.push(content);
      pendingSpace = collapsed.endsWith(" ");
    },
    block(lines: number) {
      pendingBreak = Math.max(pendingBreak, lines);
      pendingSpace = false;
    },
    lineBreak() {
      pendingBreak = Math.min(2, pendingBreak + 1);
      pendingSpace = false;
    },
    cell() {
      if (pendingBreak === 0) pendingCell = true;
    },
    result: () => parts.join("").trimEnd(),
  };
}

function cleanTitle(raw: string | undefined): string | undefined {
  const title = raw?.replace(/\s+/g, " ").trim();
  return title === "" ? undefined : title;
}
