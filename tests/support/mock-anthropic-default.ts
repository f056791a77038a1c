import type { MockHandler, MockReply, MockTextBlock } from "./mock-anthropic";
import { blocksReply, citationOf, jsonReply, textReply } from "./mock-anthropic-replies";
import { documentText, documentTitle, userText } from "./mock-anthropic-request";

/**
 * A default that lets a whole Foreman run complete against the mock: a valid plan with catalogue
 * workers suited to the document, worker outputs whose quotes are real substrings of the document
 * received, and a synthesis with char_location citations. Deterministic, so e2e runs are stable.
 */
export const defaultMockHandler: MockHandler = (request) => {
  const doc = documentText(request.body);
  switch (request.kind) {
    case "plan":
      return jsonReply(planFor(doc, userText(request.body)), { chunkSize: 16 });
    case "work":
      return jsonReply(workerOutputFor(doc, userText(request.body)), { chunkSize: 16 });
    case "synthesis":
      return synthesisFor(doc, documentTitle(request.body), userText(request.body));
    case "other":
      return textReply("OK");
  }
};

function workersFor(doc: string): string[] {
  if (/\b(def|function|import|class|return|const|public)\b/.test(doc) && /[;{}()]|:\n/.test(doc)) {
    return ["code-security", "code-performance", "code-style"];
  }
  if (/\b(agreement|shall|parties|liability|terminat\w*|indemnif\w*)\b/i.test(doc)) {
    return ["key-facts", "clause-analyzer", "contract-risk"];
  }
  if (/\b(abstract|methodology|method|results|conclusions?)\b/i.test(doc)) {
    return ["report-structure", "data-metrics", "evidence-checker"];
  }
  if (/\b(said|according to|reported|spokesperson)\b/i.test(doc)) return ["claims-sources", "bias-tone"];
  return ["key-facts", "summarizer"];
}

export function planFor(doc: string, prompt: string): unknown {
  const maxTasks = Number(/At most (\d+) tasks/.exec(prompt)?.[1] ?? 8);
  const workers = workersFor(doc).slice(0, Math.max(1, maxTasks - 1));
  const tasks = workers.map((worker) => ({
    id: worker,
    worker,
    description: `Run ${worker} over the document.`,
    focus: "The whole document.",
    dependsOn: [] as string[],
    priority: "high",
  }));
  if (tasks.length < maxTasks) {
    tasks.push({
      id: "review",
      worker: "reviewer",
      description: "Check the other tasks' findings against the document.",
      focus: "Contradictions and gaps.",
      dependsOn: workers,
      priority: "medium",
    });
  }
  return {
    analysis: `A ${doc.length}-character document; ${workers.length} specialised workers read it in parallel, then a reviewer checks them.`,
    mode: "orchestrate",
    tasks,
  };
}

/** Sentences of the document, exactly as they appear in it (trimmed, so still substrings). */
export function sentencesOf(doc: string): string[] {
  const out: string[] = [];
  for (const m of doc.matchAll(/[^.!?\n]+[.!?]?/g)) {
    const s = m[0].trim();
    if (s.length >= 12) out.push(s.length > 180 ? s.slice(0, 180).trimEnd() : s);
  }
  return out;
}

export function workerOutputFor(doc: string, prompt: string): unknown {
  const worker = /worker "([a-z-]+)"/.exec(prompt)?.[1] ?? "worker";
  const sentences = sentencesOf(doc);
  const findings = sentences.slice(0, 2).map((quote, i) => ({
    severity: i === 0 ? "warning" : "info",
    title: `${worker}: point ${i + 1}`,
    detail: `The document states this (found by the mock ${worker}).`,
    quotes: [{ quote }],
  }));
  const injection = sentences.find((s) => /ignore (all )?(previous|prior) instructions/i.test(s));
  if (injection) {
    findings.unshift({ severity: "critical", title: "Prompt injection in document", detail: "The document tries to instruct the AI.", quotes: [{ quote: injection }] });
  }
  return {
    status: sentences.length > 0 ? "success" : "partial",
    result: `**${worker}** read ${doc.length} characters and found ${findings.length} point(s).`,
    findings,
    errors: sentences.length > 0 ? [] : ["The document has no sentences to quote."],
  };
}

function synthesisFor(doc: string, title: string | null, prompt: string): MockReply {
  const blocks: MockTextBlock[] = [{ type: "text", text: "## Summary\n\nThe workers agree on the main points. " }];
  for (const sentence of sentencesOf(doc).slice(0, 2)) {
    const citation = citationOf(doc, sentence, title);
    if (citation) blocks.push({ type: "text", text: `The document says: ${sentence}`, citations: [citation] });
    blocks.push({ type: "text", text: "\n\n" });
  }
  if (/status="(failed|skipped)"/.test(prompt)) {
    blocks.push({ type: "text", text: "## Gaps\n\nSome tasks did not complete; their parts of the analysis are missing.\n" });
  }
  return blocksReply(blocks, { chunkSize: 32 });
}
