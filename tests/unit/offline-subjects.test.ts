import { describe, expect, it } from "vitest";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { LOADED } from "@/lib/llm/offline/analyzers/bias-tone";
import { loadFixture, runOfflinePipeline } from "../support/offline-pipeline";

/**
 * "Every cited finding quotes a passage that contains the terms it is about." For each finding
 * title the offline engine produces, the terms its quote must contain. A cited finding whose
 * title is not listed fails the test, so a new check must say what it is about.
 */
const word = (w: string): RegExp => new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"), "i");
const inTitle = (title: string): RegExp => word(/[:]\s*“?([^”]+)”?$/.exec(title)?.[1]?.trim() ?? title);
const LOADED_WORDS = new RegExp(`\\b(?:${Object.keys(LOADED).map((w) => w.replace(/\s+/g, "\\s+")).join("|")})\\b`, "i");

const SUBJECTS: ReadonlyArray<[title: RegExp, subject: (title: string, detail: string) => RegExp]> = [
  // contract and policy risk
  [/^Unlimited liability$/, () => /liabilit/i],
  [/^Broad indemnity$/, () => /indemn/i],
  [/^Unilateral discretion$/, () => /discretion/i],
  [/^Automatic renewal$/, () => /renew/i],
  [/^Termination for convenience$/, () => /terminat/i],
  [/^Broad IP assignment$/, () => /assign|right,\s*title/i],
  [/^Penalty or liquidated damages$/, () => /penalt|liquidated|service credit/i],
  [/^Acceleration on termination$/, () => /due|payable/i],
  [/^High late-payment interest$/, () => /interest/i],
  [/^Price increases$/, () => /increase|rise/i],
  [/^Unilateral changes$/, () => /amend|modify|change|vary|update/i],
  [/^(?:One-sided obligations|Obligation without a deadline)$/, () => /\b(?:shall|must|agrees?\s+to|undertakes?\s+to|required|obliged|obligated)\b/i],
  // key facts
  [/^Dates$/, () => /\b\d{1,4}\b/],
  [/^(?:Amounts of money|Number in words and digits disagree|Date that does not exist)$/, () => /\d/],
  [/^Percentages$/, () => /%|per\s?cent/i],
  [/^Durations and deadlines$/, () => /\b(?:days?|weeks?|months?|years?|hours?)\b/i],
  [/^Parties and organisations$/, () => /[A-Z]/],
  [/^People$/, () => /[A-Z][a-z]+/],
  [/^Possible prompt injection$/, () => /ignore|instructions|prompt|tasks|workers|agents|\bAI\b|system|reveal|url|http|model|safe|risk/i],
  // news
  [/^Loaded word: /, (t) => inTitle(t)],
  [/^Loaded language throughout$/, () => LOADED_WORDS],
  [/^Speculation presented as fact$/, () => /will|bound|certain|sure|no doubt|set to|spell the end/i],
  [/^Absolute wording$/, () => /everyone|no one|obviously|undeniably|doubt|always|never|all experts|nobody/i],
  [/^Only one perspective$/, () => /said|says|told|according|claim|stated|spokes/i],
  [/^Anonymous source$/, () => /source|official|insider|familiar|aide|spokes|according|said|says|told|claim/i],
  [/^Unsourced statistic$/, () => /\d|per\s?cent/i],
  // reports and papers
  [/^(?:Small sample size)$/, () => /\d/],
  [/^(?:Change without a baseline|Percentages do not add up)$/, () => /%|per\s?cent/i],
  [/^Conclusion stronger than the evidence$/, () => /prove|clearly|conclusive|definitive|undeniabl|undoubted|beyond|guarantee|always|never|\ball\b|every|universal|exception|certain|eliminat|unnecessary|not needed|not required|\bwill\b/i],
  [/^Causal claim from correlational data$/, () => /cause|lead|led|result|drive|because|responsible/i],
  [/^Generalisation beyond the tested scope$/, () => /only|single|staging|synthetic|simulated|pilot|\bone\b|\ball\b|every|entire|whole|across/i],
  [/^Data excluded from the analysis$/, () => /exclu|remov|omit|discard|drop/i],
  [/^Limitations not acknowledged$/, () => /limitation|caveat|did not|could not|only|conclusion|discussion|recommendation|outlook/i],
  [/^Thin section: /, (t) => inTitle(t)],
  [/^Sections out of the usual order$/, () => /\w/],
  [/^Not covered: /, (t) => inTitle(t)],
  // code
  [/^SQL built from strings$/, () => /select|insert|update|delete|execute|query/i],
  [/^Dynamic code execution$/, () => /eval|exec/i],
  [/^Hard-coded secret$/, () => /key|secret|token|password|passwd/i],
  [/^TLS verification disabled$/, () => /verify|ssl|tls|reject|cert/i],
  [/^Nested loop/, () => /\bfor\b|\bwhile\b|forEach|\.map\(/],
  [/^HTTP request without a timeout$/, () => /requests|fetch|http|urlopen|get|post/i],
  [/^Bare except$/, () => /except/],
  [/^Function without a docstring$/, () => /def |function /],
  // licences
  [/^Licence grant$/, () => /grant|permission/i],
  [/^Attribution condition/, () => /notice|attribution/i],
  [/^Copyleft: /, () => /licen[cs]e|source/i],
  [/^Patent licence granted$/, () => /patent/i],
  [/^Patent retaliation/, () => /patent|litigation/i],
  [/^Warranty disclaimer/, () => /as\s+is|warrant/i],
  [/^Limitation of liability/, () => /liab/i],
  [/^Termination on breach$/, () => /terminat/i],
  [/^Reinstatement after a cure$/, () => /reinstat|cease|compliant|cure/i],
  // specifications and documentation
  [/^Normative requirements/, () => /\b(?:MUST|SHALL|REQUIRED)\b/],
  [/^Vague requirement: /, (t) => inTitle(t)],
  [/^Requirement in lower case/, () => /\b(?:must|shall)\b/],
  [/^Defined terms$/, (_t, detail) => new RegExp(`^(?:${detail.replace(/^[^:]*:\s*/, "").replace(/\.$/, "").split(", ").map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`)],
  [/^Version stated: /, (t) => inTitle(t)],
  [/^Breaking changes$/, () => /breaking/i],
];

/** A reviewer comparing two findings cites the first one's passage: it is about that finding's subject. */
function subjectOf(title: string, detail: string): RegExp | undefined {
  if (title === "Severity disagreement" || title === "Overlapping findings") {
    const first = /^“([^”]+)”/.exec(detail)?.[1];
    return first ? subjectOf(first, "") : undefined;
  }
  const entry = SUBJECTS.find(([re]) => re.test(title));
  return entry?.[1](title, detail);
}

const FILES = [
  "gpl-3.0.txt", "mpl-2.0.txt", "apache-2.0.txt", "contract.txt", "report.md", "news.html", "code.py", "injection.txt",
  "kinds/bilateral-contract.txt", "kinds/privacy-policy.md", "kinds/specification.md", "kinds/manual.md", "kinds/academic-paper.md", "kinds/readme.md", "kinds/changelog.md",
];

describe("every cited finding quotes its subject", () => {
  it.each(FILES)("%s", async (file) => {
    const { findings } = runOfflinePipeline(await loadFixture(file), DEFAULT_REQUEST);
    const cited = findings.filter((f) => f.quotes.length > 0);
    const problems: string[] = [];
    for (const f of cited) {
      const subject = subjectOf(f.title, f.detail);
      if (!subject) {
        problems.push(`no subject terms listed for “${f.title}” (${f.taskId})`);
        continue;
      }
      for (const q of f.quotes) if (!subject.test(q.quote)) problems.push(`“${f.title}” (${f.taskId}) quotes “${q.quote.slice(0, 100)}”, which does not contain ${subject}`);
    }
    expect(problems).toEqual([]);
  });
});
