import { findAll, span, type Span } from "./text";

/**
 * Fact extractors shared by key-facts, the direct answers and the data analysers. Each returns
 * spans into the text; none of them knows which document it is reading.
 */
const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DATE_PATTERNS: readonly RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}\b/g,
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}\\b`, "g"),
  new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, "g"),
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
];
const MONTH_YEAR = new RegExp(`\\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{4}\\b`, "g");

/** Full dates; a month-and-year mention counts only where no full date already covers it. */
export function dates(text: string): Span[] {
  const full = DATE_PATTERNS.flatMap((re) => findAll(text, re)).sort((a, b) => a.start - b.start);
  const partial = findAll(text, MONTH_YEAR); // in document order, like `full`
  // One merged walk: `reach` is the furthest end of the full dates starting at or before `p`.
  const kept: Span[] = [];
  let i = 0;
  let reach = -1;
  for (const p of partial) {
    for (; i < full.length && (full[i] as Span).start <= p.start; i++) reach = Math.max(reach, (full[i] as Span).end);
    if (reach < p.end) kept.push(p);
  }
  return [...full, ...kept].sort((a, b) => a.start - b.start);
}

const CURRENCY = "(?:[$€£¥]|USD|EUR|GBP|CHF|US\\$)";
const SCALE = "(?:\\s?(?:million|billion|thousand|bn|m|k)\\b)?";
const AMOUNT_PATTERNS: readonly RegExp[] = [
  new RegExp(`${CURRENCY}\\s?\\d[\\d,]*(?:\\.\\d+)?${SCALE}`, "gi"),
  /\b\d[\d,]*(?:\.\d+)?\s?(?:million|billion|thousand)?\s?(?:USD|EUR|GBP|CHF|dollars|euros|pounds)\b/gi,
];

export function amounts(text: string): Span[] {
  const all = AMOUNT_PATTERNS.flatMap((re) => findAll(text, re)).sort((a, b) => a.start - b.start || b.end - a.end);
  // Sorted by start (longest first on ties), a span lies inside an earlier one exactly when an
  // earlier span reaches at least as far.
  let reach = -1;
  return all.filter((s) => {
    const inside = s.end <= reach;
    reach = Math.max(reach, s.end);
    return !inside;
  });
}

export function percentages(text: string): Span[] {
  return findAll(text, /(?<![\w.])-?\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b|percentage points?\b)/gi);
}

const SMALL_NUMBERS = "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty|forty-five|sixty|ninety)";
export function durations(text: string): Span[] {
  return findAll(text, new RegExp(`\\b(?:\\d+|${SMALL_NUMBERS})(?:\\s*\\(\\d+\\))?\\s+(?:business\\s+|calendar\\s+|working\\s+)?(?:days?|weeks?|months?|years?|hours?)\\b`, "gi"));
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** "thirty", "forty-five", "one hundred" → number; undefined for anything else. */
export function wordsToNumber(words: string): number | undefined {
  let total = 0;
  let current = 0;
  const parts = words.toLowerCase().split(/[\s-]+/).filter((w) => w && w !== "and");
  if (parts.length === 0) return undefined;
  for (const w of parts) {
    if (w in UNITS) current += UNITS[w] ?? 0;
    else if (w in TENS) current += TENS[w] ?? 0;
    else if (w === "hundred") current = (current || 1) * 100;
    else if (w === "thousand") {
      total += (current || 1) * 1000;
      current = 0;
    } else return undefined;
  }
  return total + current;
}

/** "thirty (60) days": a number written in words and digits that disagree. */
export function wordDigitMismatches(text: string): { span: Span; words: number; digits: number }[] {
  const re = /\b((?:[a-z]+[\s-]){0,3}[a-z]+)\s*\((\d{1,6})\)/gi;
  const out: { span: Span; words: number; digits: number }[] = [];
  for (const m of text.matchAll(re)) {
    const phrase = m[1] ?? "";
    // Use the longest suffix of the phrase that parses, so "within thirty" reads as "thirty".
    const tokens = phrase.split(/(?=[\s-])/);
    for (let i = 0; i < tokens.length; i++) {
      const tail = tokens.slice(i).join("").trim();
      const value = wordsToNumber(tail);
      if (value === undefined) continue;
      const digits = Number(m[2]);
      const start = m.index + phrase.length - tail.length;
      const s = span(text, start, m.index + m[0].length);
      if (value !== digits && s) out.push({ span: s, words: value, digits });
      break;
    }
  }
  return out;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_INDEX = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Dates that cannot exist (month 13, 31 April, 30 February). */
export function impossibleDates(text: string): Span[] {
  return dates(text).filter((d) => {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.quote);
    if (iso) return !validDay(Number(iso[2]) - 1, Number(iso[3]));
    const month = MONTH_INDEX.findIndex((m) => new RegExp(`\\b${m}`, "i").test(d.quote));
    const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(d.quote.replace(/\d{4}/, ""));
    return month >= 0 && day ? !validDay(month, Number(day[1])) : false;
  });
}

function validDay(month: number, day: number): boolean {
  const max = DAYS_IN_MONTH[month];
  return max !== undefined && day >= 1 && day <= max;
}

const PARTY_END = /\s*(?:,|\(|;|(?<!\b(?:Inc|Ltd|Corp|Co|Bros|Pty|Plc|S\.A|N\.V|B\.V))\.(?:\s|$)|\bhereinafter\b|\band\b|\n)/;

/** The parties named in "between X and Y" (first occurrence), each as its own span. */
export function partiesBetween(text: string): Span[] {
  const m = /\b(?:between|by and between)\s+(?=[A-Z“"])/g.exec(text);
  if (!m) return [];
  const first = partyAt(text, m.index + m[0].length);
  if (!first) return [];
  // Prefer ", and X" / ") and X": a bare "and" may sit inside the first party's description ("England and Wales").
  const rest = text.slice(first.end, first.end + 400);
  const and = /[,)]\s*and\s+(?=[A-Z“"])/.exec(rest) ?? /\band\s+(?=[A-Z“"])/.exec(rest);
  const second = and ? partyAt(text, first.end + and.index + and[0].length) : undefined;
  return second ? [first, second] : [first];
}

function partyAt(text: string, start: number): Span | undefined {
  const window = text.slice(start, start + 160);
  const stop = PARTY_END.exec(window.slice(1));
  const end = stop ? start + 1 + stop.index : start + Math.min(window.length, 80);
  return span(text, start, end);
}

/** Defined roles such as (the “Supplier”) or ("Customer"). */
export function definedRoles(text: string): Span[] {
  return findAll(text, /\((?:each\s+a\s+|the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?["“](?<q>[A-Z][\w ]{1,30})["”]\)/g);
}

/** Roles defined in the parties paragraph ("between A (the “Supplier”) and B (the “Customer”)"). */
export function partyRoles(text: string): Span[] {
  const first = partiesBetween(text)[0];
  if (!first) return [];
  const lineEnd = text.indexOf("\n", first.end);
  const end = lineEnd === -1 ? first.start + 600 : lineEnd;
  return definedRoles(text).filter((r) => r.start >= first.start && r.start < end);
}

const PERSON = "[A-Z][a-z]+(?:[ \\t]+[A-Z][a-z]+){1,2}";
const HONORIFIC = "(?:Mr|Mrs|Ms|Dr|Prof|Councillor|Senator|President|Minister|Mayor|Judge|Chancellor|Governor)\\.?";

/** People named in bylines, with an honorific, or as the subject/object of "said". */
export function people(text: string): Span[] {
  return [
    new RegExp(`^[ \\t]*By[ \\t]+(?<q>${PERSON})`, "gm"),
    new RegExp(`\\b(?<q>${HONORIFIC}\\s+${PERSON.replace("{1,2}", "{0,2}")})`, "g"),
    new RegExp(`\\b(?:said|says|told|according to)\\s+(?<q>${PERSON})`, "g"),
    new RegExp(`\\b(?<q>${PERSON})(?:,[^,.\\n]{3,60},)?\\s+(?:said|says|told)\\b`, "g"),
  ]
    .flatMap((re) => findAll(text, re))
    .sort((a, b) => a.start - b.start);
}

export function organisations(text: string): Span[] {
  return findAll(text, /\b(?:[A-Z][\w&'-]*\s+){1,4}(?:Inc|Ltd|LLC|LLP|Corp|Corporation|GmbH|plc|Limited|AG|S\.A|N\.V|B\.V)\b\.?/g);
}
