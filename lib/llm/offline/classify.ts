import type { Document } from "../../documents/document";

export type DocumentKind = "contract" | "technical-report" | "news-article" | "source-code" | "general";
type ScoredKind = Exclude<DocumentKind, "general">;

/** A content signal: each occurrence adds `weight`, up to `cap` occurrences (so one word cannot win alone). */
type Signal = { label: string; re: RegExp; weight: number; cap: number };

const SIGNALS: Record<ScoredKind, readonly Signal[]> = {
  contract: [
    { label: "“Agreement”", re: /\bAgreement\b/g, weight: 2, cap: 3 },
    { label: "“shall”", re: /\bshall\b/gi, weight: 1, cap: 6 },
    { label: "“Party/Parties”", re: /\bPart(?:y|ies)\b/g, weight: 2, cap: 3 },
    { label: "numbered clauses", re: /\b(?:Clause|Article)\s+\d/g, weight: 2, cap: 2 },
    { label: "indemnity language", re: /\bindemnif/gi, weight: 3, cap: 1 },
    { label: "legal terms of art (hereto, whereas…)", re: /\b(?:here(?:in(?:after)?|to|of|by|under)|whereas|witness(?:eth)?)\b/gi, weight: 2, cap: 3 },
    { label: "governing law", re: /\bgovern(?:ing law|ed by the laws?)\b/gi, weight: 3, cap: 1 },
    { label: "liability/termination terms", re: /\b(?:liabilit(?:y|ies)|terminat(?:e|ion))\b/gi, weight: 1, cap: 3 },
    { label: "contract roles (Supplier, Customer…)", re: /\b(?:Supplier|Customer|Licensor|Licensee|Contractor|Client|Vendor|Buyer|Seller|Landlord|Tenant|Employer)\b/g, weight: 1, cap: 3 },
  ],
  "technical-report": [
    { label: "report section headings", re: /^[ \t]*(?:#+[ \t]*)?(?:\d+(?:\.\d+)*\.?[ \t]+)?(?:abstract|introduction|methods?|methodology|results|discussion|conclusions?|references|limitations|evaluation|related work)\b/gim, weight: 3, cap: 5 },
    { label: "percentages", re: /\d(?:\.\d+)?[ \t]?%/g, weight: 1, cap: 3 },
    { label: "sample sizes (n = …)", re: /\b[nN][ \t]*=[ \t]*\d+/g, weight: 3, cap: 1 },
    { label: "p-values", re: /\bp[ \t]*[<=>≤][ \t]*0?\.\d+/g, weight: 3, cap: 1 },
    { label: "tables and figures", re: /\b(?:Table|Figure|Fig\.)[ \t]+\d+/g, weight: 2, cap: 2 },
    { label: "citations (et al.)", re: /\bet al\./g, weight: 2, cap: 1 },
    { label: "study voice (this study, we measured…)", re: /\b(?:this (?:study|paper|report)|we (?:propose|present|evaluate|measured|observed|found)|our (?:results|findings|method|approach))\b/gi, weight: 2, cap: 3 },
    { label: "measurements with units", re: /\b\d+(?:\.\d+)?[ \t]?(?:ms|MB|GB|kg|km|Hz|°C|s)\b/g, weight: 1, cap: 2 },
    { label: "experimental vocabulary", re: /\b(?:baseline|benchmark|dataset|experiment|hypothesis|participants)\b/gi, weight: 1, cap: 3 },
  ],
  "news-article": [
    { label: "byline", re: /^[ \t]*By[ \t]+[A-Z][\p{L}'.-]+(?:[ \t]+(?:and[ \t]+)?[A-Z][\p{L}'.-]+){1,4}[ \t]*(?:,.*)?$/gmu, weight: 4, cap: 1 },
    { label: "dateline", re: /^[ \t]*[A-Z][A-Z .'-]{2,}(?:,[ \t]*[A-Z][\p{L}.]+(?:[ \t]+\d{1,2})?)?[ \t]*(?:\([\p{L} ]+\))?[ \t]*[—–-]{1,2}[ \t]/gmu, weight: 4, cap: 1 },
    { label: "reported speech (“said”, “told”)", re: /\b(?:said|says|told)\b/g, weight: 1, cap: 5 },
    { label: "“according to”", re: /\baccording to\b/gi, weight: 2, cap: 2 },
    { label: "direct quotations", re: /[“"][^”"\n]{12,}[”"]/g, weight: 1, cap: 3 },
    { label: "news agencies", re: /\b(?:Reuters|Associated Press|AFP|Bloomberg)\b|\(AP\)/g, weight: 2, cap: 1 },
    { label: "weekday references", re: /\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g, weight: 2, cap: 2 },
    { label: "officials and spokespeople", re: /\b(?:spokes(?:person|man|woman)|officials?|minister|lawmakers?|reporters)\b/gi, weight: 1, cap: 3 },
  ],
  "source-code": [
    { label: "code keywords (def, import, function…)", re: /^[ \t]*(?:def |class |import |from [\w.]+ import |function |const |let |var |public |private |#include|package |using |fn |func |return\b|export )/gm, weight: 1, cap: 20 },
    { label: "code punctuation (blocks, calls)", re: /(?:\)[ \t]*[:{][ \t]*$|\)[ \t]*;[ \t]*$|=>|^[ \t]*}[ \t]*$)/gm, weight: 1, cap: 10 },
  ],
};

const ORDER: readonly ScoredKind[] = ["contract", "technical-report", "news-article", "source-code"];
/** Below this score no kind is convincing and the document is treated as general. */
const THRESHOLD = 7;

export type SignalHit = { label: string; count: number };
export type Classification = {
  kind: DocumentKind;
  scores: Record<ScoredKind, number>;
  /** The signals that supported the chosen kind (empty for "general"). */
  signals: SignalHit[];
  /** Hints taken from ingestion metadata (format, language). */
  hints: string[];
};

function score(text: string, kind: ScoredKind): { total: number; hits: SignalHit[] } {
  let total = 0;
  const hits: SignalHit[] = [];
  for (const s of SIGNALS[kind]) {
    const n = text.match(s.re)?.length ?? 0;
    if (n === 0) continue;
    total += Math.min(n, s.cap) * s.weight;
    hits.push({ label: s.label, count: n });
  }
  return { total, hits };
}

function formatHints(document: Document): { kind: ScoredKind; boost: number; hint: string }[] {
  const out: { kind: ScoredKind; boost: number; hint: string }[] = [];
  if (document.format === "code") out.push({ kind: "source-code", boost: 20, hint: `ingested as source code${document.language ? ` (${document.language})` : ""}` });
  else if (document.language) out.push({ kind: "source-code", boost: 10, hint: `language ${document.language}` });
  if (document.format === "html") out.push({ kind: "news-article", boost: 1, hint: "published as a web page" });
  return out;
}

/** Full classification with the evidence behind it (the plan's analysis explains it). */
export function classifyWithSignals(document: Document): Classification {
  const scores = { contract: 0, "technical-report": 0, "news-article": 0, "source-code": 0 };
  const signals = new Map<ScoredKind, SignalHit[]>();
  for (const kind of ORDER) {
    const { total, hits } = score(document.text, kind);
    scores[kind] = total;
    signals.set(kind, hits);
  }
  const hints: string[] = [];
  for (const h of formatHints(document)) {
    scores[h.kind] += h.boost;
    hints.push(h.hint);
  }
  const best = [...ORDER].sort((a, b) => scores[b] - scores[a] || ORDER.indexOf(a) - ORDER.indexOf(b))[0] ?? "contract";
  if (scores[best] < THRESHOLD) return { kind: "general", scores, signals: [], hints };
  return { kind: best, scores, signals: signals.get(best) ?? [], hints };
}

/** The document's kind from its content (format and language are hints, not verdicts). */
export function classify(document: Document): DocumentKind {
  return classifyWithSignals(document).kind;
}

export const KIND_LABEL: Record<DocumentKind, string> = {
  contract: "contract",
  "technical-report": "technical report",
  "news-article": "news article",
  "source-code": "source code",
  general: "general document",
};
