import { describe, expect, it } from "vitest";
import { markdownText } from "@/lib/llm/offline/markdown-text";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { KIND_LABEL, classifyWithSignals, type DocumentKind } from "@/lib/llm/offline/classify";
import { runOfflineJob } from "@/lib/llm/offline/jobs";
import { loadFixture, runOfflinePipeline } from "../support/offline-pipeline";

/** Every fixture with the kind a reader would give it (licences are the real texts from Debian's common-licenses). */
const FIXTURES: ReadonlyArray<[file: string, kind: DocumentKind]> = [
  ["gpl-3.0.txt", "licence"],
  ["mpl-2.0.txt", "licence"],
  ["apache-2.0.txt", "licence"],
  ["contract.txt", "contract"],
  ["kinds/bilateral-contract.txt", "contract"],
  ["kinds/privacy-policy.md", "policy"],
  ["kinds/specification.md", "specification"],
  ["kinds/manual.md", "manual"],
  ["kinds/academic-paper.md", "academic-paper"],
  ["report.md", "technical-report"],
  ["news.html", "news-article"],
  ["code.py", "source-code"],
  ["kinds/readme.md", "readme"],
  ["kinds/changelog.md", "readme"],
];

/** The worker at the heart of each kind's plan. */
const LEAD_WORKER: Partial<Record<DocumentKind, string>> = {
  licence: "licence-terms",
  policy: "contract-risk",
  specification: "spec-structure",
  manual: "spec-structure",
  "academic-paper": "report-structure",
  readme: "summarizer",
};

describe("classification into kinds", () => {
  it.each(FIXTURES)("%s → %s, and the plan says so and why", async (file, kind) => {
    const document = await loadFixture(file);
    const classification = classifyWithSignals(document);
    expect(classification.kind).toBe(kind);
    const run = runOfflineJob({ kind: "plan", document, request: DEFAULT_REQUEST, workers: ["licence-terms", "spec-structure", "summarizer", "reviewer", "key-facts", "clause-analyzer", "contract-risk", "report-structure", "data-metrics", "evidence-checker", "claims-sources", "bias-tone", "code-security", "code-performance", "code-style"], maxTasks: 8 });
    if (run.kind !== "plan") throw new Error("expected a plan");
    const label = KIND_LABEL[kind];
    expect(run.plan.analysis).toContain(` ${label} (score ${classification.scores[kind as Exclude<DocumentKind, "general">]}) from: `);
    // The signals that decided it are named.
    for (const signal of classification.signals) expect(run.plan.analysis).toContain(signal.label);
    expect(run.plan.analysis).toContain(`this ${label}`);
    const lead = LEAD_WORKER[kind];
    if (lead) expect(run.plan.tasks.map((t) => t.worker)).toContain(lead);
  });

  it("never plans a report-structure check (Abstract, Method…) for a manual or a specification", async () => {
    for (const file of ["kinds/manual.md", "kinds/specification.md"]) {
      const { plan, findings } = runOfflinePipeline(await loadFixture(file), DEFAULT_REQUEST);
      expect(plan.tasks.map((t) => t.worker)).not.toContain("report-structure");
      expect(findings.filter((f) => /^Missing section/.test(f.title))).toEqual([]);
    }
  });
});

describe("absence findings only where the kind expects the clause", () => {
  it.each(["gpl-3.0.txt", "mpl-2.0.txt", "apache-2.0.txt"])("the licence %s gets no confidentiality or data-protection finding", async (file) => {
    const document = await loadFixture(file);
    const { findings } = runOfflinePipeline(document, DEFAULT_REQUEST);
    expect(findings.filter((f) => /confidential|data-protection|data protection/i.test(f.title))).toEqual([]);
    // Even when asked for contract risk directly, a licence is not held to a contract's clauses.
    const risk = runOfflineJob({ kind: "work", document, request: "risks", task: { id: "r", worker: "contract-risk", description: "risk", focus: "", dependsOn: [], priority: "high" }, dependencies: [] });
    if (risk.kind !== "work") throw new Error("expected work");
    expect(risk.output.findings.filter((f) => /^No /.test(f.title))).toEqual([]);
  });

  it("a bilateral contract without a confidentiality clause gets the finding, with no citation", async () => {
    const { findings } = runOfflinePipeline(await loadFixture("kinds/bilateral-contract.txt"), DEFAULT_REQUEST);
    const missing = findings.find((f) => f.title === "No confidentiality clause");
    expect(missing).toBeDefined();
    expect(missing?.quotes).toEqual([]);
    // A contract that has one does not.
    const withClause = runOfflinePipeline(await loadFixture("contract.txt"), DEFAULT_REQUEST);
    expect(withClause.findings.some((f) => f.title === "No confidentiality clause")).toBe(false);
    // Every absence finding cites nothing: there is no passage for a missing clause.
    for (const f of [...findings, ...withClause.findings].filter((x) => /^No /.test(x.title))) expect(f.quotes).toEqual([]);
  });
});

describe("licence analysis", () => {
  it("finds the MPL-2.0's warranty disclaimer, limitation of liability, file-level copyleft and patent terms", async () => {
    const { findings, narrative } = runOfflinePipeline(await loadFixture("mpl-2.0.txt"), DEFAULT_REQUEST);
    const titles = findings.map((f) => f.title);
    expect(titles).toContain("Warranty disclaimer: provided “as is”");
    expect(titles).toContain("Limitation of liability: licensors not liable");
    expect(titles).toContain("Copyleft: weak copyleft (file by file)");
    expect(titles).toContain("Patent retaliation: suing ends the patent licence");
    expect(titles).toContain("Termination on breach");
    expect(narrative).toContain("This licence");
  });

  it("reads the GPL-3.0 as strong copyleft and names it for the compatibility notes", async () => {
    const { findings } = runOfflinePipeline(await loadFixture("gpl-3.0.txt"), DEFAULT_REQUEST);
    const copyleft = findings.find((f) => f.title.startsWith("Copyleft:"));
    expect(copyleft?.title).toBe("Copyleft: strong copyleft (the whole combined work)");
    expect(copyleft?.quotes[0]?.quote).toMatch(/entire work, as a whole/);
  });
});

describe("specification and documentation analysis", () => {
  it("lists the specification's MUST requirements, defined terms, version and change history", async () => {
    const { findings } = runOfflinePipeline(await loadFixture("kinds/specification.md"), DEFAULT_REQUEST);
    const must = findings.find((f) => f.title === "Normative requirements (MUST/SHALL)");
    expect(must?.quotes.every((q) => /\b(?:MUST|SHALL|REQUIRED)\b/.test(q.quote))).toBe(true);
    expect(findings.find((f) => f.title === "Defined terms")?.detail).toMatch(/Event.*Sequence number.*Client.*Replay/);
    expect(findings.find((f) => f.title.startsWith("Version stated"))?.detail).toContain("Change History");
    expect(findings.some((f) => f.title === "No examples")).toBe(false);
  });
});

describe("the summary is in the report", () => {
  it.each(["kinds/readme.md", "kinds/manual.md", "gpl-3.0.txt"])("“Summarise this” on %s puts a cited summary first", async (file) => {
    const document = await loadFixture(file);
    const { plan, narrative, citations } = runOfflinePipeline(document, "Summarise this");
    expect(plan.tasks[0]?.worker).toBe("summarizer");
    expect(plan.tasks[0]?.priority).toBe("high");
    const sections = narrative.split("\n## ").map((s) => s.split("\n")[0]);
    expect(sections[1]).toBe("Summary");
    expect(citations.length).toBeGreaterThan(0);
    for (const c of citations) {
      expect(document.text.slice(c.start, c.end)).toBe(c.quote);
      expect(narrative).toContain(markdownText(c.quote.replace(/\s+/g, " "))); // quoted as the document reads
    }
  });
});
