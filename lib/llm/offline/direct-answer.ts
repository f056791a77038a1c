import type { Document } from "../../documents/document";
import { KIND_LABEL, classify } from "./classify";
import { partiesBetween } from "./facts";
import { count } from "./output";
import { sections } from "./sections";
import { indexText, wordCount } from "./text";

/**
 * Simple lookups answered without workers (DESIGN §1: no over-orchestration). Each rule matches
 * a short question and returns an answer, or undefined when the document cannot answer it (the
 * request then goes to the workers).
 */
type Rule = { re: RegExp; answer: (document: Document, match: RegExpExecArray) => string | undefined };

const MAX_QUESTION_WORDS = 14;

function title(document: Document): string | undefined {
  const heading = sections(indexText(document.text.slice(0, 4000)))[0]?.title;
  const t = document.title.trim() || heading;
  return t ? `The document's title is “${t}”.` : undefined;
}

function counts(document: Document, unit: string): string {
  const text = document.text;
  const n: Record<string, () => number> = {
    word: () => wordCount(text),
    character: () => text.length,
    line: () => text.split("\n").length,
    sentence: () => indexText(text).sentences.length,
    paragraph: () => text.split(/\n\s*\n/).filter((p) => p.trim()).length,
  };
  if (unit === "page") {
    return document.pages.length > 0
      ? `The document has ${document.pages.length} page${document.pages.length === 1 ? "" : "s"}.`
      : `The document is not paginated (${document.format}); it has ${wordCount(text)} words, about ${count(Math.max(1, Math.round(wordCount(text) / 500)), "page")} at 500 words per page.`;
  }
  const value = (n[unit] ?? n["word"] ?? (() => 0))();
  return `The document has ${value} ${unit}${value === 1 ? "" : "s"}.`;
}

function parties(document: Document): string | undefined {
  const found = partiesBetween(document.text);
  if (found.length === 0) return undefined;
  return `The parties are ${found.map((p) => `“${p.quote}”`).join(" and ")}, as stated in the opening clause.`;
}

const RULES: readonly Rule[] = [
  { re: /\b(?:what(?:'s| is)|give me|tell me|which is)\b[^?]*\btitle\b|^\s*title\s*\??\s*$/i, answer: (d) => title(d) },
  { re: /\bhow many (word|page|character|line|sentence|paragraph)s?\b|\b(word|page|character|line) count\b|\bhow (?:long|many pages) is\b/i, answer: (d, m) => counts(d, m[1] ?? m[2] ?? "word") },
  { re: /\bwho are the parties\b|\bwhich parties\b|\bwho (?:is|are) (?:party|parties) to\b|\bbetween whom\b/i, answer: (d) => parties(d) },
  { re: /\bwhat (?:programming )?language\b/i, answer: (d) => (d.language ? `The file is written in ${d.language}.` : undefined) },
  { re: /\bwhat (?:kind|type|sort) of (?:document|file|text)\b/i, answer: (d) => `It reads as a ${KIND_LABEL[classify(d)]} (offline classification from its wording).` },
];

/**
 * The direct answer for a simple question, or undefined. `hasOtherAsk` lets the planner reject a
 * direct answer when the rest of the request asks for analysis ("who are the parties and what are the risks?").
 */
export function directAnswer(args: { document: Document; request: string; hasOtherAsk: (rest: string) => boolean }): string | undefined {
  const { document, request, hasOtherAsk } = args;
  if (wordCount(request) > MAX_QUESTION_WORDS) return undefined;
  for (const rule of RULES) {
    const m = rule.re.exec(request);
    if (!m) continue;
    if (hasOtherAsk(request.replace(m[0], " "))) return undefined;
    return rule.answer(document, m);
  }
  return undefined;
}
