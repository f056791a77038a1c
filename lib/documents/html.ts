import { Parser } from "htmlparser2";

/**
 * HTML → readable text, the way a reader sees the page: no scripts, styles or navigation,
 * entities decoded as a browser decodes them (the full HTML5 table, and `&#146;` as the
 * windows-1252 "’" it means), optional end tags implied, whitespace collapsed as a browser
 * would, and a blank line between blocks so paragraphs and headings survive. Content hidden
 * from readers (`hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden`) is left
 * out and counted. Parsing is htmlparser2's streaming tokenizer: linear on hostile input.
 */
export function htmlToText(html: string): { text: string; title: string | undefined; hiddenPassages: number } {
  const { text, titleElement, firstH1, hiddenPassages } = convert(html);
  return { text, title: cleanTitle(titleElement) ?? cleanTitle(firstH1), hiddenPassages };
}

/** Elements whose content a reader never sees (or that is site chrome, not the document). */
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "math", "nav", "iframe", "object", "canvas", "select", "button", "textarea", "title"]);
const PARAGRAPH = new Set([
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "hr",
  "section", "article", "aside", "header", "footer", "main", "address",
]);
const LINE = new Set(["div", "li", "tr", "dt", "dd", "figcaption", "caption", "details", "summary", "form", "fieldset", "legend"]);

type Open = { name: string; skipped: boolean; hidden: boolean; hiddenText: boolean };

/** Class and id selectors that a page's own `<style>` hides; complex selectors are not evaluated. */
type HidingRules = { classes: Set<string>; ids: Set<string> };

const HIDING_DECLARATION = /(?:^|[;{\s])(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

function addHidingRules(css: string, rules: HidingRules): void {
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!HIDING_DECLARATION.test(match[2] ?? "")) continue;
    for (const selector of (match[1] ?? "").split(",")) {
      const simple = /^\s*(?:[a-z][a-z0-9]*)?([.#])([\w-]+)\s*$/i.exec(selector);
      if (simple?.[2]) (simple[1] === "." ? rules.classes : rules.ids).add(simple[2]);
    }
  }
}

function isHidden(attributes: Record<string, string>, rules: HidingRules): boolean {
  if (attributes.id !== undefined && rules.ids.has(attributes.id)) return true;
  if (rules.classes.size > 0 && (attributes.class ?? "").split(/\s+/).some((name) => rules.classes.has(name))) return true;
  if (attributes.hidden !== undefined && attributes.hidden.toLowerCase() !== "until-found") return true;
  if (attributes["aria-hidden"]?.trim().toLowerCase() === "true") return true;
  return HIDING_DECLARATION.test(attributes.style ?? "");
}

function convert(html: string): { text: string; titleElement: string | undefined; firstH1: string | undefined; hiddenPassages: number } {
  const out = createWriter();
  const stack: Open[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  let skipping = 0;
  let hiddenPassages = 0;
  let titleElement: string | undefined;
  let firstH1: string | undefined;
  let inFirstH1 = false;
  let preDepth = 0;
  let afterPreOpen = false;
  const rules: HidingRules = { classes: new Set(), ids: new Set() };
  let css = "";

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const hidden = isHidden(attributes, rules);
        const skipped = skipping > 0 || hidden || SKIPPED.has(name);
        stack.push({ name, skipped, hidden: hidden && skipping === 0, hiddenText: false });
        if (skipped) {
          skipping++;
          return;
        }
        afterPreOpen = false;
        if (name === "h1") inFirstH1 = firstH1 === undefined;
        if (name === "br") out.lineBreak();
        else if (name === "pre") {
          preDepth++;
          out.block(2);
          afterPreOpen = true; // HTML drops one newline straight after <pre>
        } else if (name === "ul" || name === "ol") {
          const start = Number.parseInt(attributes.start ?? "", 10);
          lists.push({ ordered: name === "ol", count: Number.isFinite(start) ? start - 1 : 0 });
          out.block(lists.length > 1 ? 1 : 2);
        } else if (name === "li") {
          out.block(1);
          const list = lists.at(-1);
          const value = Number.parseInt(attributes.value ?? "", 10);
          if (list) list.count = Number.isFinite(value) ? value : list.count + 1;
          out.text(list?.ordered ? `${list.count}. ` : "- ", false);
        } else if (name === "td" || name === "th") out.cell();
        else if (PARAGRAPH.has(name)) out.block(2);
        else if (LINE.has(name)) out.block(1);
      },
      ontext(raw) {
        const top = stack.at(-1);
        if (top?.name === "title" && titleElement === undefined) titleElement = raw;
        else if (top?.name === "title") titleElement += raw;
        if (top?.name === "style") css += raw;
        if (skipping > 0) {
          const hiddenRoot = stack.findLast((open) => open.hidden);
          if (hiddenRoot && raw.trim() !== "") hiddenRoot.hiddenText = true;
          return;
        }
        const text = afterPreOpen && raw.startsWith("\n") ? raw.slice(1) : raw;
        afterPreOpen = false;
        out.text(text, preDepth > 0);
        if (inFirstH1) firstH1 = (firstH1 ?? "") + text;
      },
      onclosetag(name) {
        const open = stack.pop();
        if (!open) return;
        if (open.skipped) {
          skipping--;
          if (name === "style") {
            addHidingRules(css, rules);
            css = "";
          }
          if (open.hidden && open.hiddenText) hiddenPassages++;
          return;
        }
        afterPreOpen = false;
        if (name === "h1") inFirstH1 = false;
        if (name === "pre") {
          preDepth = Math.max(0, preDepth - 1);
          out.block(2);
        } else if (name === "ul" || name === "ol") {
          lists.pop();
          out.block(lists.length > 0 ? 1 : 2);
        } else if (PARAGRAPH.has(name)) out.block(2);
        else if (LINE.has(name)) out.block(1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { text: out.result(), titleElement, firstH1, hiddenPassages };
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
      else if (pendingSpace && !/[ \t\n]/.test(lastChar())) parts.push(" ");
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
      // Only HTML whitespace collapses: a no-break or thin space is content (String#trim would drop it).
      const content = collapsed.replace(/^ | $/g, "");
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
