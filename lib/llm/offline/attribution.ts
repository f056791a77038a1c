import type { Span } from "./text";

/**
 * Who a sentence attributes its content to. Shared by claims-sources (which lists claims) and
 * bias-tone (which counts perspectives).
 */
export type Attribution =
  | { kind: "named"; source: string }
  | { kind: "anonymous"; source: string }
  | { kind: "none" };

const ANONYMOUS =
  /\b(?:(?:a|one|two|several|three)\s+(?:source|person|people|official|insider)s?\s+(?:familiar|close|with (?:direct\s+)?knowledge)|sources?\s+(?:familiar|close|said|say|told)|people familiar|insiders?|(?:officials?|people|sources?|persons?)\s+who\s+(?:asked|requested|declined)\s+(?:not\s+to\s+be\s+(?:named|identified)|anonymity)|(?:spoke|speaking)\s+on\s+(?:the\s+)?condition\s+of\s+anonymity|an?\s+anonymous\s+\w+|unnamed\s+\w+)/i;

const VERB = "(?:said|says|told|stated|announced|confirmed|reported|added|noted|explained|wrote|argued|claimed|warned)";
const NAME = "(?:[A-Z][\\p{L}'’.-]+(?:\\s+[A-Z][\\p{L}'’.-]+){0,3})";
const NAMED_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\baccording to\\s+(?:the\\s+)?(?<q>${NAME})`, "u"),
  new RegExp(`\\b${VERB}\\s+(?<q>${NAME})`, "u"),
  new RegExp(`(?<q>${NAME})(?:,\\s+[^,]{3,80},)?\\s+${VERB}\\b`, "u"),
  new RegExp(`\\b(?:a|the)\\s+(?<q>(?:company|ministry|department|agency|police|government|spokes(?:person|man|woman)|statement|report|study|survey|court))\\b[^.]{0,40}\\b${VERB}\\b`, "iu"),
];
/** Sentence-initial words that look capitalised but are not sources. */
const NOT_NAMES = /^(?:The|This|That|These|Those|It|He|She|They|We|I|A|An|In|On|At|But|And|However|Officials?|Sources?)$/;

export function attributionOf(sentence: string): Attribution {
  const anon = ANONYMOUS.exec(sentence);
  if (anon) return { kind: "anonymous", source: anon[0] };
  for (const re of NAMED_PATTERNS) {
    const m = re.exec(sentence);
    const name = m?.groups?.["q"]?.replace(/\s+/g, " ").trim();
    if (name && !NOT_NAMES.test(name)) return { kind: "named", source: name };
  }
  if (new RegExp(`\\b(?:he|she|they|it|officials?)\\s+${VERB}\\b`, "i").test(sentence)) return { kind: "named", source: "(a source named earlier)" };
  return { kind: "none" };
}

/**
 * True when a sentence states a figure: a percentage, money, a number with a scale word, or a
 * plain number of two or more digits that is not a year or part of a date.
 */
export function statesFigure(sentence: string): boolean {
  const stripped = sentence
    .replace(/\b(?:1[89]|20)\d{2}\b/g, " ")
    .replace(/\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*/gi, " ")
    .replace(/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\s+\d{1,2}\b/gi, " ");
  return /\d\s?(?:%|percent|per cent)|[$€£]\s?\d|\b\d[\d,.]*\s?(?:million|billion|thousand|trillion)\b|\b\d{2,}[\d,]*\b/i.test(stripped);
}

/** A sentence that is only a byline, dateline or heading (not a claim). */
export function isFurniture(s: Span): boolean {
  return /^By\s+[A-Z]/.test(s.quote) || s.quote.split(/\s+/).length < 5 || /^#/.test(s.quote);
}
