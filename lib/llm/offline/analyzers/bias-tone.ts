import type { RawFinding } from "../../../engine/findings";
import { attributionOf } from "../attribution";
import { count, finding, renderResult } from "../output";
import { distinctSpans, escapeRegExp, findAll, type Span, type TextIndex } from "../text";
import type { Analyzer } from "./types";

/** Loaded words and a neutral alternative to suggest (exported for the subject-term test). */
export const LOADED: Record<string, string> = {
  slammed: "criticised", blasted: "criticised", "lashed out": "criticised", "hit back": "responded",
  disastrous: "describe the outcome", catastrophic: "describe the outcome", devastating: "describe the effect", chaos: "disruption",
  chaotic: "disorganised", outrageous: "disputed", shocking: "unexpected", scandal: "controversy", scandalous: "disputed",
  radical: "describe the position", extremist: "describe the position", regime: "government", "so-called": "(drop)",
  scheme: "plan", "cronies": "associates", notorious: "well-known", infamous: "well-known", reckless: "risky",
  absurd: "disputed", ridiculous: "disputed", heroic: "describe the action", brave: "describe the action", embattled: "(drop)",
  crushing: "large", massive: "large", skyrocketing: "rising", skyrocketed: "rose", plummeted: "fell", soaring: "rising",
  admitted: "said", conceded: "said", "claimed": "said", insisted: "said", "failed to": "did not",
  controversial: "(drop, or say who objects)", furious: "strong", backlash: "criticism", outrage: "criticism",
  "war on": "policy against", "nail in the coffin": "describe the expected effect", collapsed: "fell sharply",
};
const ABSOLUTES = /\b(?:everyone knows|no one (?:can|could) deny|obviously|undeniably|without (?:a|any) doubt|always|never|all experts|nobody)\b/gi;
const SPECULATION = /\b(?:will (?:surely|certainly|inevitably|undoubtedly)|is (?:bound|certain|sure) to|there is no doubt|is set to (?:destroy|ruin|collapse)|could spell the end)\b/gi;
const COUNTER_VOICE = /\b(?:however|critics?|opponents?|responded|in response|disputed|denied|declined to comment|did not (?:respond|reply)|defended|on the other hand|rejected)\b/i;

type LoadedHit = { word: string; neutral: string; spans: Span[] };

/** Loaded words in document order, each with up to three occurrences. */
function loadedHits(text: string): LoadedHit[] {
  const hits: LoadedHit[] = [];
  for (const [word, neutral] of Object.entries(LOADED)) {
    const spans = distinctSpans(findAll(text, new RegExp(`\\b${escapeRegExp(word)}\\b`, "gi")).filter((s) => s.quote.length === word.length), 3);
    if (spans.length > 0) hits.push({ word, neutral, spans });
  }
  return hits.sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0)).slice(0, 8);
}

function loadedFinding(hit: LoadedHit): RawFinding {
  const plain = hit.neutral.startsWith("(") || hit.neutral.startsWith("describe");
  return finding({
    severity: "info",
    title: `Loaded word: “${hit.word}”`,
    detail: `“${hit.spans[0]?.quote ?? hit.word}” carries a judgement the article does not attribute to anyone${hit.spans.length > 1 ? ` (used ${hit.spans.length} times)` : ""}.`,
    recommendation: plain ? `Neutral option: ${hit.neutral.replace(/[()]/g, "")}.` : `Neutral option: “${hit.neutral}”.`,
    spans: hit.spans,
  });
}

function throughoutFinding(hits: readonly LoadedHit[]): RawFinding[] {
  if (hits.length < 3) return [];
  return [
    finding({
      severity: "warning",
      title: "Loaded language throughout",
      detail: `${count(hits.length, "different loaded word")} appear in the text; the framing is not neutral.`,
      recommendation: "Rewrite with neutral verbs (“said”, “criticised”) and describe facts instead of judging them.",
      spans: hits.slice(0, 3).flatMap((h) => h.spans.slice(0, 1)),
    }),
  ];
}

function patternFindings(index: TextIndex, args: { re: RegExp; title: string; detail: string; recommendation: string; severity: "info" | "warning" }): RawFinding[] {
  return distinctSpans(findAll(index.text, args.re).map((s) => index.around(s)), 4).map((s) =>
    finding({ severity: args.severity, title: args.title, detail: args.detail, recommendation: args.recommendation, spans: [s] }),
  );
}

/** One perspective: a text that quotes people but never gives a counter-voice. */
function perspectiveFindings(index: TextIndex): RawFinding[] {
  const attributed: Span[] = index.sentences.filter((s) => attributionOf(s.quote).kind !== "none");
  if (attributed.length < 2 || COUNTER_VOICE.test(index.text)) return [];
  return [
    finding({
      severity: "info",
      title: "Only one perspective",
      detail: `The ${count(attributed.length, "attributed statement")} include no response, rebuttal or opposing view.`,
      recommendation: "Seek comment from the people or organisations the article criticises.",
      spans: attributed.slice(0, 2),
    }),
  ];
}

export const biasTone: Analyzer = ({ index }) => {
  const hits = loadedHits(index.text);
  const findings = [
    ...throughoutFinding(hits),
    ...hits.map(loadedFinding),
    ...patternFindings(index, { re: SPECULATION, title: "Speculation presented as fact", detail: "A prediction is stated as certain.", recommendation: "Attribute the prediction or hedge it (“could”, “analysts expect”).", severity: "warning" }),
    ...patternFindings(index, { re: ABSOLUTES, title: "Absolute wording", detail: "Absolute terms overstate what any source can know.", recommendation: "Qualify the statement or attribute it.", severity: "info" }),
    ...perspectiveFindings(index),
  ];
  const result = renderResult({
    title: "bias & tone",
    lead: `Scanned for ${Object.keys(LOADED).length} loaded words, absolute wording, speculation and missing counter-voices: ${count(findings.length, "issue")}.`,
    findings,
  });
  return { status: "success", result, findings };
};
