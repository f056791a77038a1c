import type { Document } from "../../documents/document";

export type DocumentKind =
  | "contract"
  | "licence"
  | "policy"
  | "specification"
  | "manual"
  | "academic-paper"
  | "technical-report"
  | "news-article"
  | "source-code"
  | "readme"
  | "general";
type ScoredKind = Exclude<DocumentKind, "general">;

/** A content signal: each occurrence adds `weight`, up to `cap` occurrences (so one word cannot win alone). */
type Signal = { label: string; re: RegExp; weight: number; cap: number };

/** A heading line (Markdown, numbered or plain) whose title starts with one of `titles`. */
const heading = (titles: string): RegExp => new RegExp(`^[ \\t]*(?:#+[ \\t]*)?(?:\\d+(?:\\.\\d+)*\\.?[ \\t]+)?(?:${titles})\\b`, "gim");

const SIGNALS: Record<ScoredKind, readonly Signal[]> = {
  contract: [
    { label: "“Agreement”", re: /\bAgreement\b/g, weight: 2, cap: 3 },
    { label: "“shall”", re: /\bshall\b/gi, weight: 1, cap: 6 },
    { label: "“Party/Parties”", re: /\bPart(?:y|ies)\b/g, weight: 2, cap: 3 },
    { label: "made between two parties", re: /\b(?:made|entered into|concluded)\b[^.\n]{0,80}\bbetween\b/gi, weight: 4, cap: 1 },
    { label: "signature block", re: /\bIN WITNESS WHEREOF\b|^[ \t]*Signed (?:for|by|on behalf of)\b/gm, weight: 4, cap: 1 },
    { label: "numbered clauses", re: /\b(?:Clause|Article)\s+\d/g, weight: 2, cap: 2 },
    { label: "indemnity language", re: /\bindemnif/gi, weight: 3, cap: 1 },
    { label: "legal terms of art (hereto, whereas…)", re: /\b(?:here(?:in(?:after)?|to|of|by|under)|whereas|witness(?:eth)?)\b/gi, weight: 2, cap: 3 },
    { label: "governing law", re: /\bgovern(?:ing law|ed by the laws?)\b/gi, weight: 3, cap: 1 },
    { label: "liability/termination terms", re: /\b(?:liabilit(?:y|ies)|terminat(?:e|ion))\b/gi, weight: 1, cap: 3 },
    { label: "contract roles (Supplier, Customer…)", re: /\b(?:Supplier|Customer|Contractor|Consultant|Client|Vendor|Buyer|Seller|Landlord|Tenant|Employer|Employee)\b/g, weight: 1, cap: 3 },
  ],
  licence: [
    { label: "licence title", re: /^[ \t#]*(?:[\w.-]+[ \t]+){0,4}(?:Public[ \t]+)?Licen[cs]e\b/gim, weight: 4, cap: 1 },
    { label: "“licence/license”", re: /\blicen[cs](?:e[ds]?|ing)\b/gi, weight: 1, cap: 8 },
    { label: "grant language (royalty-free, sublicense…)", re: /\b(?:permission is hereby granted|hereby grants?|grants? (?:to )?you|royalty-free|sublicens\w*)\b/gi, weight: 3, cap: 3 },
    { label: "free-software terms (Source Code Form, Derivative Works…)", re: /\b(?:free software|open source|copyleft|GNU|Source Code Form|Corresponding Source|Derivative Works?|Covered Software|Larger Work|Executable Form)\b/g, weight: 2, cap: 5 },
    { label: "redistribution and modification", re: /\b(?:redistribut\w*|convey(?:ing|ed)?|modif(?:y|ied|ications?))\b/gi, weight: 1, cap: 4 },
    { label: "“AS IS” disclaimer", re: /\b(?:AS IS|WITHOUT WARRANT(?:Y|IES))\b/g, weight: 3, cap: 1 },
    { label: "licensors and contributors", re: /\b(?:Contributors?|Licensor|copyright holders?)\b/g, weight: 1, cap: 4 },
    { label: "patent licence", re: /\bpatent licen[cs]e\b/gi, weight: 2, cap: 1 },
    { label: "SPDX identifier", re: /SPDX-License-Identifier/g, weight: 5, cap: 1 },
  ],
  policy: [
    { label: "policy or terms title", re: /\b(?:privacy (?:policy|notice)|terms (?:of (?:use|service)|and conditions)|cookie policy|acceptable use policy|code of conduct)\b/gi, weight: 3, cap: 3 },
    { label: "first-person operator (“we collect”, “we may”)", re: /\bwe (?:collect|use|share|process|store|retain|may|do not sell|will not)\b/gi, weight: 1, cap: 6 },
    { label: "the user addressed (“your personal data”, “your account”)", re: /\byour (?:personal (?:data|information)|information|account|data|rights|use of)\b/gi, weight: 1, cap: 5 },
    { label: "cookies", re: /\bcookies?\b/gi, weight: 2, cap: 1 },
    { label: "acceptance by use (“by using”, “you agree”)", re: /\b(?:by (?:using|accessing|creating)|you agree|you must|you may not)\b/gi, weight: 1, cap: 4 },
  ],
  specification: [
    { label: "RFC 2119 keywords (MUST, SHOULD…)", re: /\b(?:MUST(?: NOT)?|SHOULD(?: NOT)?|REQUIRED|RECOMMENDED|OPTIONAL)\b/g, weight: 1, cap: 12 },
    { label: "RFC 2119 conventions", re: /\bRFC ?(?:2119|8174)\b/g, weight: 6, cap: 1 },
    { label: "conformance vocabulary (this specification, implementations…)", re: /\b(?:this (?:specification|standard|protocol)|conform(?:ance|ant|ing)|implementations?|interoperab\w*)\b/gi, weight: 2, cap: 4 },
    { label: "document status (draft, obsoletes…)", re: /\b(?:status of this (?:memo|document)|obsoletes|internet-draft|(?:working|public) draft|draft (?:standard|specification)|candidate recommendation)\b/gi, weight: 3, cap: 1 },
    { label: "specification headings (terminology, security considerations…)", re: heading("terminology|conventions|security considerations|conformance|normative references|wire format"), weight: 3, cap: 2 },
    { label: "version numbers", re: /\b(?:version|v)\s?\d+\.\d+\b/gi, weight: 1, cap: 2 },
  ],
  manual: [
    { label: "manual headings (getting started, troubleshooting…)", re: heading("getting started|installation|installing|set ?up|troubleshooting|maintenance|settings|safety|quick start|operating instructions"), weight: 3, cap: 4 },
    { label: "“user manual/guide”", re: /\b(?:user (?:manual|guide)|this (?:manual|guide)|handbook)\b/gi, weight: 3, cap: 1 },
    { label: "interface actions (press, click, button…)", re: /\b(?:click|press(?: and hold)?|tap|double-click|button|menu)\b/gi, weight: 1, cap: 6 },
    { label: "notes and warnings", re: /^[ \t>*]*(?:Note|Warning|Caution|Tip|Important)[ \t]*:/gim, weight: 2, cap: 3 },
    { label: "numbered instructions", re: /^[ \t]*(?:\d+\.|Step \d+:?)[ \t]+(?:Open|Press|Click|Insert|Connect|Place|Select|Choose|Install|Run|Enter|Type|Remove|Turn|Pull|Hold|Go|Plug)\b/gm, weight: 2, cap: 4 },
  ],
  "academic-paper": [
    { label: "paper sections (abstract, related work, references…)", re: heading("abstract|keywords|related work|references|bibliography|acknowledg(?:e)?ments"), weight: 2, cap: 4 },
    { label: "numbered citations [n]", re: /\[\d+(?:[,–-]\s?\d+)*\]/g, weight: 2, cap: 5 },
    { label: "citations (et al.)", re: /\bet al\./g, weight: 2, cap: 2 },
    { label: "scholarly apparatus (doi, arXiv, Proceedings, University)", re: /\b(?:doi:|arXiv:|In Proceedings|Proc\.|Journal of|University|Institute of)/g, weight: 2, cap: 3 },
    { label: "paper voice (we propose, our contributions…)", re: /\b(?:we propose|our contributions?|in this paper|this paper)\b/gi, weight: 2, cap: 2 },
  ],
  "technical-report": [
    { label: "report section headings", re: heading("introduction|methods?|methodology|results|discussion|conclusions?|limitations|evaluation|findings|recommendations|executive summary"), weight: 3, cap: 5 },
    { label: "“technical report”", re: /\b(?:technical|internal|evaluation|incident) report\b|\bTR-\d/gi, weight: 4, cap: 1 },
    { label: "percentages", re: /\d(?:\.\d+)?[ \t]?%/g, weight: 1, cap: 3 },
    { label: "sample sizes (n = …)", re: /\b[nN][ \t]*=[ \t]*\d+/g, weight: 3, cap: 1 },
    { label: "p-values", re: /\bp[ \t]*[<=>≤][ \t]*0?\.\d+/g, weight: 3, cap: 1 },
    { label: "tables and figures", re: /\b(?:Table|Figure|Fig\.)[ \t]+\d+/g, weight: 2, cap: 2 },
    { label: "study voice (this study, we measured…)", re: /\b(?:this (?:study|report)|we (?:present|evaluate|evaluated|measured|observed|found)|our (?:results|findings|method|approach))\b/gi, weight: 2, cap: 3 },
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
  readme: [
    { label: "badges", re: /\[!\[[^\]\n]*\]\([^)\n]*\)\]/g, weight: 3, cap: 1 },
    { label: "install commands (npm install, pip install…)", re: /\b(?:npm (?:install|i)|pip install|cargo (?:add|install)|go (?:get|install)|yarn add|pnpm add|brew install|gem install)\b/g, weight: 3, cap: 2 },
    { label: "code fences", re: /^[ \t]*```/gm, weight: 1, cap: 4 },
    { label: "README headings (Installation, Usage, Contributing…)", re: /^#{1,3}[ \t]*(?:Installation|Install|Usage|Contributing|License|Licence|Getting Started|Features|Requirements|Quick ?start)[ \t]*$/gim, weight: 2, cap: 4 },
    { label: "release headings ([2.1.0] - 2025-09-14)", re: /^#{1,3}[ \t]*\[?v?\d+\.\d+(?:\.\d+)?\]?(?:[ \t]*[-–—(][ \t]*\d{4}-\d{2}-\d{2})?/gm, weight: 3, cap: 4 },
    { label: "change types (Added, Fixed…)", re: /^#{2,4}[ \t]*(?:Added|Changed|Deprecated|Removed|Fixed|Security|Breaking changes?)[ \t]*$/gim, weight: 2, cap: 4 },
    { label: "changelog conventions (Unreleased, Semantic Versioning)", re: /\b(?:Unreleased|Semantic Versioning|Keep a Changelog)\b/g, weight: 3, cap: 1 },
  ],
};

/** Tie-break order: the more specific kind first (a licence is also contract-like, a paper report-like). */
const ORDER: readonly ScoredKind[] = ["licence", "policy", "contract", "specification", "manual", "academic-paper", "technical-report", "news-article", "readme", "source-code"];
/** Below this score no kind is convincing and the document is treated as general. */
const THRESHOLD = 7;

export type SignalHit = { label: string; count: number };
export type Classification = {
  kind: DocumentKind;
  scores: Record<ScoredKind, number>;
  /** The signals that supported the chosen kind (empty for "general"). */
  signals: SignalHit[];
  /** Hints taken from ingestion metadata (format, language, file name). */
  hints: string[];
  /** The next most likely kind, so the plan can say what the document was not taken for. */
  runnerUp?: ScoredKind;
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
  if (/^(?:readme|changelog|changes|history|release[-_ ]?notes)(?:\.[\w]+)?$/i.test(document.fileName)) out.push({ kind: "readme", boost: 10, hint: `file name ${document.fileName}` });
  if (/^(?:licen[cs]e|copying)(?:[-.][\w.-]+)?$/i.test(document.fileName)) out.push({ kind: "licence", boost: 10, hint: `file name ${document.fileName}` });
  return out;
}

/** The last classifications, by content hash: plan, analysers and synthesis of one run all ask. */
const CACHE_SIZE = 4;
const cache = new Map<string, Classification>();

/** Full classification with the evidence behind it (the plan's analysis explains it). */
export function classifyWithSignals(document: Document): Classification {
  const key = `${document.sha256}:${document.text.length}:${document.format}:${document.fileName}:${document.language ?? ""}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = computeClassification(document);
  cache.set(key, result);
  for (const old of cache.keys()) {
    if (cache.size <= CACHE_SIZE) break;
    cache.delete(old);
  }
  return result;
}

function computeClassification(document: Document): Classification {
  const scores = Object.fromEntries(ORDER.map((k) => [k, 0])) as Record<ScoredKind, number>;
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
  const ranked = [...ORDER].sort((a, b) => scores[b] - scores[a] || ORDER.indexOf(a) - ORDER.indexOf(b));
  const best = ranked[0] ?? "contract";
  if (scores[best] < THRESHOLD) return { kind: "general", scores, signals: [], hints };
  return { kind: best, scores, signals: signals.get(best) ?? [], hints, ...(ranked[1] ? { runnerUp: ranked[1] } : {}) };
}

/** The document's kind from its content (format and language are hints, not verdicts). */
export function classify(document: Document): DocumentKind {
  return classifyWithSignals(document).kind;
}

export const KIND_LABEL: Record<DocumentKind, string> = {
  contract: "contract",
  licence: "licence",
  policy: "policy or terms of use",
  specification: "technical specification",
  manual: "manual",
  "academic-paper": "academic paper",
  readme: "README or changelog",
  "technical-report": "technical report",
  "news-article": "news article",
  "source-code": "source code",
  general: "general document",
};
