import { CONTROL_CHARACTERS } from "./decode-text";
import type { DocumentFormat } from "./document";

export const TITLE_MAX_CHARS = 120;

/**
 * The only changes ingestion makes to text, once, before any offset exists: line endings to
 * \n, no BOM, no NUL or other C0 control characters (readable text with a stray control byte
 * is still text), and Unicode NFC so that a quote typed or copied in composed form matches a
 * document saved decomposed. `Document.text` is this function's output; every offset
 * downstream (pages, citations) is into it.
 */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "").normalize("NFC");
}

/** How many characters `normaliseText` removes as control characters, for the document's metadata. */
export function countControlCharacters(text: string): number {
  return text.match(CONTROL_CHARACTERS)?.length ?? 0;
}

const CODE_LANGUAGES: Readonly<Record<string, string>> = {
  py: "python",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  java: "java",
  go: "go",
  rs: "rust",
  rb: "ruby",
  php: "php",
  c: "c",
  h: "c",
  cpp: "cpp",
  cc: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  cs: "csharp",
  sql: "sql",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  kt: "kotlin",
  kts: "kotlin",
  swift: "swift",
};

// A script without an extension still announces its language on the first line.
const SHEBANG_LANGUAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/python[0-9.]*\b/, "python"],
  [/\b(?:node|deno|bun)\b/, "javascript"],
  [/\bruby\b/, "ruby"],
  [/\bphp\b/, "php"],
  [/\b(?:ba|z|k|da)?sh\b/, "shell"],
];

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

export type TextKind =
  | { format: "html"; mediaType: "text/html" }
  | { format: "markdown"; mediaType: "text/markdown" }
  | { format: "text"; mediaType: "text/plain" }
  | { format: "code"; mediaType: string; language: string };

const HTML: TextKind = { format: "html", mediaType: "text/html" };
const MARKDOWN: TextKind = { format: "markdown", mediaType: "text/markdown" };
const PLAIN: TextKind = { format: "text", mediaType: "text/plain" };

function code(language: string): TextKind {
  return { format: "code", mediaType: `text/x-${language}`, language };
}

/**
 * Decides how to read decoded text. A specific extension wins (a .py file that mentions
 * `<html` is still Python); otherwise the content decides, and the declared media type only
 * breaks ties, because browsers guess it from the extension anyway.
 */
export function classifyText(input: { fileName: string; text: string; declaredMediaType?: string }): TextKind {
  const ext = extensionOf(input.fileName);
  const language = CODE_LANGUAGES[ext];
  if (language !== undefined) return code(language);
  if (ext === "md" || ext === "markdown" || ext === "mdx") return MARKDOWN;
  if (ext === "html" || ext === "htm" || ext === "xhtml") return HTML;
  if (looksLikeHtml(input.text)) return HTML;
  const shebang = /^#![^\n]*/.exec(input.text)?.[0];
  if (shebang !== undefined) {
    const match = SHEBANG_LANGUAGES.find(([pattern]) => pattern.test(shebang));
    if (match) return code(match[1]);
  }
  if (looksLikeMarkdown(input.text)) return MARKDOWN;
  const declared = input.declaredMediaType?.split(";")[0]?.trim().toLowerCase();
  if (declared === "text/markdown" || declared === "text/x-markdown") return MARKDOWN;
  return PLAIN;
}

export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*/, "")
    .toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}

// Markdown announces itself early; sniffing a bounded sample keeps this cheap on 20 MB inputs.
const MARKDOWN_SAMPLE = 64 * 1024;

export function looksLikeMarkdown(fullText: string): boolean {
  const text = fullText.slice(0, MARKDOWN_SAMPLE);
  if (/^#{1,6}[ \t]+\S/m.test(text)) return true; // ATX heading
  if (SETEXT_HEADING.test(text)) return true;
  if (/^(?:```|~~~)/m.test(text)) return true; // fenced code
  // Weaker signals count only together: plain text has numbered lists and the odd "> ".
  // Character classes exclude their own delimiters so no pattern can backtrack quadratically.
  const signals = [
    /\[[^[\]\n]+\]\([^()\s]+\)/.test(text), // [link](url)
    /(?:\*\*|__)[^*_\n]+(?:\*\*|__)/.test(text), // **bold**
    /^\|[^\n]*\|[ \t]*\n\|[ \t]*:?-{3,}/m.test(text), // table header rule
    /^>[ \t]/m.test(text), // blockquote
    (text.match(/^[ \t]*(?:[-*+]|\d+\.)[ \t]+\S/gm) ?? []).length >= 2, // list
  ];
  return signals.filter(Boolean).length >= 2;
}

const SETEXT_HEADING = /^[ \t]*(\S[^\n]*)\n(?:={3,}|-{3,})[ \t]*$/m;

/** First ATX or setext heading of a Markdown text, without its markers. */
export function markdownHeading(fullText: string): string | undefined {
  const text = fullText.slice(0, MARKDOWN_SAMPLE);
  const atx = /^#{1,6}[ \t]+(\S[^\n]*)$/m.exec(text);
  const setext = SETEXT_HEADING.exec(text);
  const match = atx && setext ? (atx.index <= setext.index ? atx : setext) : (atx ?? setext);
  const raw = match?.[1]?.slice(0, 1000);
  if (raw === undefined) return undefined;
  // Closing hashes ("## Title ##") and inline emphasis are markup, not title.
  const heading = (match === atx ? raw.trimEnd().replace(/\s#+$/, "") : raw).replace(/[*_`]/g, "").trim();
  return heading === "" ? undefined : heading;
}

export function firstLine(text: string): string | undefined {
  return /\S[^\n]*/.exec(text)?.[0].slice(0, TITLE_MAX_CHARS * 4).trimEnd();
}

/** Collapses whitespace and caps the length so a title always fits one line of UI. */
export function toTitle(candidate: string | undefined, fallback: string): string {
  // A "first line" can be megabytes long (minified files); only its start can become a title.
  const title = candidate?.slice(0, TITLE_MAX_CHARS * 4).replace(/\s+/g, " ").trim() ?? "";
  if (title === "") return fallback;
  return title.length <= TITLE_MAX_CHARS ? title : `${title.slice(0, TITLE_MAX_CHARS - 1).trimEnd()}…`;
}

export function titleForText(text: string, format: DocumentFormat, fileName: string): string {
  // The first line of source code is an import or a comment; the file name says more.
  if (format === "code") return toTitle(fileName, fileName);
  if (format === "markdown") return toTitle(markdownHeading(text) ?? firstLine(text), fileName);
  return toTitle(firstLine(text), fileName);
}
