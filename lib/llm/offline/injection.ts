import type { RawFinding } from "../../engine/findings";
import { finding } from "./output";
import { distinctSpans, findAll, type Span, type TextIndex } from "./text";

/**
 * Text in a document that addresses the AI reading it rather than the human reader. The offline
 * engine never obeys it (it does not interpret instructions at all); it reports it, because the
 * same document may be sent to a real model later.
 */
const PATTERNS: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:(?:of\s+)?(?:your|the|my|previous|prior|above|earlier|preceding|these|those|system)\s+)*(?:instructions|prompts?|rules|guidelines|directions)\b/gi,
  /\b(?:reveal|print|show|output|repeat|leak|disclose)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+|hidden\s+|initial\s+)?(?:prompt|instructions)\b/gi,
  /\b(?:create|spawn|generate|launch|start|run)\s+(?:\d{2,}|hundreds of|thousands of|many)\s+(?:tasks|workers|agents|jobs|subtasks)\b/gi,
  /\b(?:call|visit|open|fetch|curl|ping|contact|post to|send (?:\w+\s+){0,4}to)\s+(?:this|the following|that)\s+(?:url|link|endpoint|webhook|address|site|website)\b/gi,
  /\b(?:call|visit|fetch|curl|post to|send (?:\w+\s+){0,4}to)\s+https?:\/\/\S+/gi,
  /\byou are now\b|\bnew instructions\s*:|\bact as an? (?:unrestricted|unfiltered|jailbroken)\b|\bdeveloper mode\b/gi,
  /\b(?:as an ai|ai assistant|language model|llm)\b[^.\n]{0,60}\b(?:must|should|will|are instructed to)\b/gi,
  /\b(?:rate|mark|classify|report|treat)\s+this\s+(?:document|contract|agreement|file|code|article)\s+as\s+(?:safe|compliant|low[- ]risk|risk[- ]free|having no (?:risks?|issues))\b/gi,
  /\b(?:do not|don't|never)\s+(?:report|flag|mention|list)\s+(?:any\s+)?(?:risks?|findings?|issues?|vulnerabilit(?:y|ies)|problems?)\b/gi,
];

/** Every passage that looks like a prompt injection, as the sentence that holds it. */
export function injectionSpans(index: TextIndex): Span[] {
  const hits = PATTERNS.flatMap((re) => findAll(index.text, re)).map((s) => index.around(s));
  return distinctSpans(hits);
}

export function injectionFindings(index: TextIndex): RawFinding[] {
  return injectionSpans(index).map((s) =>
    finding({
      severity: "warning",
      title: "Possible prompt injection",
      detail:
        "This passage addresses an AI system rather than the reader (e.g. asks it to ignore its instructions, reveal its prompt, spawn tasks or contact a URL). It was treated as document content and not followed.",
      recommendation: "Check where this text came from; remove it or treat the document as untrusted before sending it to a model.",
      spans: [s],
    }),
  );
}
