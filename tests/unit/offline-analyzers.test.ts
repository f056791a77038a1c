import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Document, DocumentFormat } from "@/lib/documents/document";
import { CATALOGUE, findWorker, workerModelOutputSchema } from "@/lib/engine/catalogue";
import type { DependencyResult, WorkOutput } from "@/lib/engine/model-port";
import { ZERO_USAGE } from "@/lib/engine/usage";
import { classify, createOfflinePort } from "@/lib/llm/offline";
import { sentences } from "@/lib/llm/offline/text";

function makeDocument(text: string, options: { format?: DocumentFormat; language?: string; title?: string; fileName?: string } = {}): Document {
  return {
    title: options.title ?? "",
    fileName: options.fileName ?? "sample.txt",
    mediaType: "text/plain",
    format: options.format ?? "text",
    ...(options.language ? { language: options.language } : {}),
    text,
    pages: [],
    byteSize: text.length,
    sha256: "0".repeat(64),
  };
}

const CONTRACT = `SOFTWARE LICENCE AND SUPPORT AGREEMENT

This Agreement is entered into on 1 February 2024 between Acme Widgets Inc., a Delaware corporation (the "Licensor"), and Blue Harbor Foods Ltd (the "Licensee").

1. Licence
1.1 The Licensor grants the Licensee a non-exclusive licence to use the Software.
1.2 The Licensee shall pay the licence fee of $120,000 within thirty (60) days of the invoice date.

2. Liability
2.1 The Licensee's liability under this Agreement shall be unlimited.
2.2 The Licensee shall indemnify the Licensor against any and all claims arising from use of the Software.

3. Term
3.1 This Agreement shall automatically renew for successive one-year terms unless either party gives notice.
3.2 The Licensor may terminate this Agreement for convenience at any time.

4. Support
4.1 The Licensee shall provide the Licensor with access to its systems and shall notify the Licensor of defects.
4.2 The Licensor may decide, in its sole discretion, whether a defect will be fixed.
`;

const NEWS = `By Jane Porter

LONDON — The government's new housing plan was slammed by opposition leaders on Tuesday.

"This plan will deliver 300,000 homes a year," Housing Minister Tom Reyes said at a press conference.

A source familiar with the negotiations said the Treasury had privately opposed the scheme.

Rents have risen 18% in the past year and 4 in 10 young adults now live with their parents.

Officials who asked not to be named said the budget could be cut by half.
`;

const PYTHON = `import sqlite3

SECRET_TOKEN = "tok_4f9a8b7c6d5e4f3a"


def load_user(conn, user_id):
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM users WHERE id = {user_id}")
    return cur.fetchone()


def calculate(expression):
    """Evaluates a formula typed by the user."""
    return eval(expression)


def pairs(items, others):
    result = []
    for a in items:
        for b in others:
            if a == b:
                result.append(a)
    return result
`;

const TYPESCRIPT = `const password = "hunter2-production";

export async function findOrders(db, customer) {
  return db.query("SELECT * FROM orders WHERE customer = '" + customer + "'");
}

/** Sums every order's lines. */
export function totals(orders, lines) {
  let sum = 0;
  for (const order of orders) {
    for (const line of lines) {
      if (line.orderId === order.id) sum += line.amount;
    }
  }
  // TODO: cache this
  return sum;
}
`;

const GENERAL = `Shopping list for the weekend

Eggs, milk, bread and coffee. Remember to call grandma about the garden party.
`;

/** Loads a fixture if another engineer has written it; HTML is reduced to text the way ingestion does. */
function fixture(name: string): Document | undefined {
  const path = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  if (!existsSync(path)) return undefined;
  const raw = readFileSync(path, "utf8");
  if (name.endsWith(".py")) return makeDocument(raw, { format: "code", language: "python", fileName: name });
  if (name.endsWith(".md")) return makeDocument(raw, { format: "markdown", fileName: name });
  if (name.endsWith(".html")) return makeDocument(htmlText(raw), { format: "html", fileName: name });
  return makeDocument(raw, { fileName: name });
}

function htmlText(html: string): string {
  const entities: Record<string, string> = { rsquo: "’", lsquo: "‘", ldquo: "“", rdquo: "”", pound: "£", middot: "·", copy: "©", amp: "&", quot: '"', nbsp: " " };
  return html
    .replace(/<(script|style|head|nav|footer)[\s\S]*?<\/\1>/gi, "")
    .replace(/<\/(p|h\d|div|li|article)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&(\w+);/g, (m, name: string) => entities[name] ?? m)
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const SAMPLES: Record<string, Document> = {
  contract: makeDocument(CONTRACT),
  news: makeDocument(NEWS),
  python: makeDocument(PYTHON, { format: "code", language: "python", fileName: "users.py" }),
  typescript: makeDocument(TYPESCRIPT, { format: "code", language: "typescript", fileName: "orders.ts" }),
  general: makeDocument(GENERAL),
};

const FIXTURES: Record<string, Document> = Object.fromEntries(
  ["contract.txt", "contract.md", "report.md", "news.html", "code.py"].flatMap((n) => {
    const d = fixture(n);
    return d ? [[n, d]] : [];
  }),
);


const ALL_WORKERS = [...CATALOGUE.map((w) => w.name), "custom"];

async function runWorker(document: Document, worker: string, dependencies: DependencyResult[] = []): Promise<WorkOutput> {
  const spec = findWorker(worker);
  if (!spec) throw new Error(worker);
  const task = { id: worker, worker, description: worker === "custom" ? "Find mentions of payment and liability" : spec.bestFor, focus: "", dependsOn: dependencies.map((d) => d.taskId), priority: "medium" as const };
  return createOfflinePort().work({ task, worker: spec, document, request: "Analyse", dependencies, attempt: 1, signal: new AbortController().signal, onDelta: () => {} });
}

const titles = (out: WorkOutput): string[] => out.findings.map((f) => f.title);
const quotesOf = (out: WorkOutput, title: string): string[] => out.findings.filter((f) => f.title === title).flatMap((f) => f.quotes.map((q) => q.quote));

describe("every worker on every sample", () => {
  const documents = { ...SAMPLES, ...FIXTURES };
  it.each(Object.keys(documents))("%s: well-formed output whose quotes are exact spans", async (name) => {
    const document = documents[name];
    if (!document) throw new Error(name);
    for (const worker of ALL_WORKERS) {
      const deltas: string[] = [];
      const out = await createOfflinePort().work({
        task: { id: worker, worker, description: "Find mentions of payment", focus: "", dependsOn: [], priority: "low" },
        worker: findWorker(worker)!,
        document,
        request: "Analyse",
        dependencies: [],
        attempt: 1,
        signal: new AbortController().signal,
        onDelta: (t) => deltas.push(t),
      });
      expect(workerModelOutputSchema.safeParse(out).success, worker).toBe(true);
      expect(out.result.split("\n")[0], worker).toMatch(/^_Offline analysis_/);
      expect(deltas.join(""), worker).toBe(out.result);
      expect(out.errors).toEqual([]);
      expect(out.usage).toEqual(ZERO_USAGE);
      for (const f of out.findings) {
        for (const q of f.quotes) {
          expect(q.start, `${worker}: ${f.title}`).toBeTypeOf("number");
          expect(document.text.slice(q.start, q.end), `${worker}: ${f.title}`).toBe(q.quote);
        }
      }
    }
  });

  it("classifies the fixture documents", () => {
    const expected: Record<string, string> = { "contract.txt": "contract", "contract.md": "contract", "report.md": "technical-report", "news.html": "news-article", "code.py": "source-code" };
    for (const [name, document] of Object.entries(FIXTURES)) expect(classify(document), name).toBe(expected[name]);
  });
});

describe("contract detections", () => {
  it("finds unlimited liability, auto-renewal, broad indemnity, convenience termination and sole discretion", async () => {
    const out = await runWorker(SAMPLES.contract!, "contract-risk");
    expect(out.findings.find((f) => f.title === "Unlimited liability")).toMatchObject({ severity: "critical" });
    expect(quotesOf(out, "Unlimited liability")[0]).toContain("shall be unlimited");
    expect(quotesOf(out, "Automatic renewal")[0]).toContain("automatically renew");
    expect(out.findings.find((f) => f.title === "Broad indemnity")).toMatchObject({ severity: "critical" });
    expect(titles(out)).toEqual(expect.arrayContaining(["Termination for convenience", "Unilateral discretion", "No data-protection clause", "No confidentiality clause"]));
  });

  it("does not invent risks a contract does not have", async () => {
    const fair = makeDocument("This Agreement is between A Ltd and B Ltd. 1. Liability. Each party's aggregate liability shall not exceed the fees paid. 2. Confidentiality. Each party shall keep confidential information secret. 3. Data. Personal data is processed under the GDPR. 4. Law. This Agreement is governed by the laws of Ireland.");
    const out = await runWorker(fair, "contract-risk");
    expect(out.findings).toEqual([]);
  });

  it("extracts parties, amounts and a words/digits mismatch; finds one-sided obligations and missing deadlines", async () => {
    const facts = await runWorker(SAMPLES.contract!, "key-facts");
    expect(quotesOf(facts, "Parties and organisations")).toEqual(expect.arrayContaining(["Acme Widgets Inc.", "Blue Harbor Foods Ltd"]));
    expect(quotesOf(facts, "Amounts of money")).toContain("$120,000");
    expect(quotesOf(facts, "Number in words and digits disagree")).toEqual(["thirty (60)"]);
    const clauses = await runWorker(SAMPLES.contract!, "clause-analyzer");
    expect(titles(clauses)).toContain("One-sided obligations");
    expect(quotesOf(clauses, "Obligation without a deadline").join(" ")).toContain("shall provide the Licensor with access");
  });
});

describe("sentence splitting", () => {
  it("joins hard-wrapped lines, keeps headings, list markers and abbreviations whole", () => {
    const text = "## 2. Liability\nDr. Lee said the\nresults held. Costs rose 4.5%.\n- Item one\n- Item two";
    expect(sentences(text).map((s) => s.quote)).toEqual(["## 2. Liability", "Dr. Lee said the\nresults held.", "Costs rose 4.5%.", "- Item one", "- Item two"]);
    for (const s of sentences(text)) expect(text.slice(s.start, s.end)).toBe(s.quote);
  });
});

describe("custom task", () => {
  it("searches for the description's key terms", async () => {
    const out = await runWorker(SAMPLES.contract!, "custom");
    expect(out.result).toContain("“liability”");
    expect(quotesOf(out, "Mentions of “liability”")).toEqual(["2. Liability", "2.1 The Licensee's liability under this Agreement shall be unlimited."]);
  });
});

describe("news detections", () => {
  it("flags anonymous sources and unsourced statistics, but not attributed figures", async () => {
    const out = await runWorker(SAMPLES.news!, "claims-sources");
    const anonymous = quotesOf(out, "Anonymous source").join(" ");
    expect(anonymous).toContain("A source familiar with the negotiations");
    expect(anonymous).toContain("Officials who asked not to be named");
    expect(quotesOf(out, "Unsourced statistic")).toEqual(["Rents have risen 18% in the past year and 4 in 10 young adults now live with their parents."]);
    expect(out.result).toContain("Tom Reyes");
  });

  it("flags loaded words with neutral alternatives", async () => {
    const out = await runWorker(SAMPLES.news!, "bias-tone");
    const slammed = out.findings.find((f) => f.title === "Loaded word: “slammed”");
    expect(slammed?.recommendation).toContain("criticised");
  });
});

describe("code detections", () => {
  it.each(["python", "typescript"])("%s: string-built SQL, eval, hard-coded secret", async (name) => {
    const out = await runWorker(SAMPLES[name]!, "code-security");
    expect(out.findings.filter((f) => f.severity === "critical").map((f) => f.title)).toEqual(expect.arrayContaining(["SQL built from strings", "Hard-coded secret"]));
    if (name === "python") expect(quotesOf(out, "Dynamic code execution")).toEqual(["return eval(expression)"]);
  });

  it("does not flag a parameterised query", async () => {
    const safe = makeDocument('cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))\n', { format: "code", language: "python" });
    expect(titles(await runWorker(safe, "code-security"))).toEqual([]);
  });

  it.each(["python", "typescript"])("%s: nested loops by indentation or braces", async (name) => {
    const out = await runWorker(SAMPLES[name]!, "code-performance");
    const nested = out.findings.find((f) => f.title === "Nested loop (O(n²))");
    expect(nested?.quotes.map((q) => q.quote)).toHaveLength(2);
  });

  it("finds functions without docstrings, and not the documented one", async () => {
    const out = await runWorker(SAMPLES.python!, "code-style");
    const undocumented = quotesOf(out, "Function without a docstring");
    expect(undocumented).toEqual(["def load_user(conn, user_id):", "def pairs(items, others):"]);
    const ts = await runWorker(SAMPLES.typescript!, "code-style");
    expect(quotesOf(ts, "Function without a docstring")).toEqual(["export async function findOrders(db, customer) {"]);
    expect(titles(ts)).toContain("TODO left in code");
  });
});
