import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunComparison } from "@/lib/compare/compare-runs";
import { createTempDatabase } from "../support/temp-database";

// The server side (this process) stores runs in a fresh SQLite file; the CLI reads the same file.
const temp = createTempDatabase({ FOREMAN_BACKEND: "offline" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { activeRuns, eventWriter } = await import("@/lib/server/run-registry");
const startRoute = await import("@/app/api/runs/route");
const compareRoute = await import("@/app/api/compare/route");

const contract = readFileSync("tests/fixtures/contract.txt", "utf8");
// A second version of the same agreement: the renewal notice shortened, the interest clause gone, a new clause added.
const revised = contract
  .replace("at least 180 days before", "at least 60 days before")
  .replace("Late payments accrue interest at 4% per month.", "")
  .replace("4. Termination", "3.4 Customer may audit the Services once a year.\n\n4. Termination");

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/analyze.ts", ...args], { env: { ...process.env, DATABASE_URL: temp.url, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function analyse(text: string, request: string): Promise<string> {
  const form = new FormData();
  form.set("file", new File([text], "contract.txt", { type: "text/plain" }));
  form.set("request", request);
  const res = await startRoute.POST(new Request("http://localhost/api/runs", { method: "POST", body: form, headers: { authorization: "Bearer script" } }), { params: Promise.resolve({}) });
  expect(res.status).toBe(201);
  const { runId } = (await res.json()) as { runId: string };
  await activeRuns().get(runId)?.done;
  await eventWriter().flush();
  return runId;
}

let a = "";
let b = "";
beforeAll(async () => {
  await applyMigrations({ url: temp.url });
  a = await analyse(contract, "Find the risks for the customer");
  b = await analyse(revised, "Find the risks for the customer, renewal first");
}, 120_000);
afterAll(() => temp.cleanup());

// Each case spawns the CLI through tsx (a cold start of several seconds on a loaded machine).
describe("npm run analyze -- runs / compare", { timeout: 120_000 }, () => {
  it("--json prints exactly what GET /api/compare answers", async () => {
    const api = (await (await compareRoute.GET(new Request(`http://localhost/api/compare?a=${a}&b=${b}`))).json()) as RunComparison;
    const { code, stdout, stderr } = await cli(["compare", a, b, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(api);
    // Real content, not two empty sides: both runs succeeded with findings, and the diff saw the edits.
    expect([api.a.status, api.b.status]).toEqual(["succeeded", "succeeded"]);
    expect(api.documents).toBe("versions");
    expect(api.a.findingCount).toBeGreaterThan(0);
    expect(api.plans.matched.length).toBeGreaterThan(0);
    const diff = api.documentDiff;
    expect(diff && !("tooLarge" in diff) && diff.passages.some((p) => p.kind === "added" && p.text.includes("60 days"))).toBe(true);
  });

  it("prints both runs, the matched plans, the finding changes with citations, the figures and the changed passages", async () => {
    const api = (await (await compareRoute.GET(new Request(`http://localhost/api/compare?a=${a}&b=${b}`))).json()) as RunComparison;
    const { code, stdout } = await cli(["compare", a, b]);
    expect(code).toBe(0);
    expect(stdout).toContain(`A  ${a}`);
    expect(stdout).toContain(`B  ${b}`);
    expect(stdout).toContain("Request: Find the risks for the customer, renewal first");
    expect(stdout).toContain("Documents: two versions of “MASTER SERVICES AGREEMENT”");
    expect(stdout).toContain(`Matched (${api.plans.matched.length}):`);
    expect(stdout).toContain(`Added in B (${api.findings.added.length}):`);
    expect(stdout).toContain(`Removed, only in A (${api.findings.removed.length}):`);
    // Every finding that changed between the versions is listed with its first citation.
    for (const f of [...api.findings.added, ...api.findings.removed]) {
      expect(stdout).toContain(`[${f.severity}] ${f.title}`);
      const quote = f.citations[0]?.quote.replace(/\s+/g, " ").trim().slice(0, 60);
      if (quote) expect(stdout).toContain(quote);
    }
    // Offline runs make no model calls: not metered, not "0 tokens · $0".
    expect(stdout).toMatch(/Tokens\s+—\s+—/);
    expect(stdout).toMatch(/Cost\s+—\s+—/);
    expect(stdout).not.toContain("(s)");
    expect(stdout).toContain("## Changed passages");
    expect(stdout).toMatch(/\+ .*at least 60 days before/);
    expect(stdout).toMatch(/- .*at least 180 days before/);
    // The removed renewal passage names a finding of A that cites it.
    const removedRenewal = !api.documentDiff || "tooLarge" in api.documentDiff ? undefined : api.documentDiff.passages.find((p) => p.kind === "removed" && p.text.includes("180 days"));
    expect(removedRenewal?.findings.length).toBeGreaterThan(0);
    expect(stdout).toContain(`cited by A: [${removedRenewal?.findings[0]?.severity}] ${removedRenewal?.findings[0]?.title}`);
  });

  it("lists the stored runs newest first, so their ids can be found", async () => {
    const { code, stdout } = await cli(["runs", "--json"]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { id: string }[]).map((r) => r.id)).toEqual([b, a]);
    const human = await cli(["runs", "--limit", "1"]);
    expect(human.stdout).toContain(b);
    expect(human.stdout).not.toContain(a);
  });

  it("fails with a clear message and exit code 1 for an unknown or malformed id, and without a database", async () => {
    const unknown = crypto.randomUUID();
    const missing = await cli(["compare", a, unknown]);
    expect([missing.code, missing.stderr.trim()]).toEqual([1, `error: No run with id ${unknown}. (not_found)`]);
    const malformed = await cli(["compare", a, "nope"]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('"nope" is not a run id');
    const noDatabase = await cli(["runs"], { DATABASE_URL: `file:${temp.dir}/absent/foreman.db` });
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toContain("No runs are stored yet");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${temp.dir}/blank.db`, ""); // a database no server ever started on
    const noTables = await cli(["runs"], { DATABASE_URL: `file:${temp.dir}/blank.db` });
    expect([noTables.code, noTables.stderr]).toEqual([1, "error: No runs are stored yet: the database has no Foreman tables (start the server once with npm start to create them). (not_found)\n"]);
    const usage = await cli(["compare", a]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("compare needs two run ids (got 1)");
  });
});

describe("npm run analyze -- FILE --save", { timeout: 120_000 }, () => {
  it("stores the ended run as the server would: the same log, its row released, and compare works on it", async () => {
    const { writeFileSync } = await import("node:fs");
    const { listEvents, runStatus } = await import("@/lib/server/run-queries");
    const { db } = await import("@/lib/server/db");
    const file = `${temp.dir}/revised-contract.txt`;
    writeFileSync(file, revised);
    const saved = await cli([file, "--save", "--json", "--request", "Find the risks for the customer"]);
    expect(saved.code).toBe(0);
    const id = /^Saved as run ([0-9a-f-]{36})\. Compare it with another: npm run analyze -- compare \1 <run id>$/m.exec(saved.stderr)?.[1] ?? "";
    expect(id).not.toBe("");
    // Exactly the events the CLI printed, under the printed id; projected like a server's run.
    const printed = saved.stdout.trim().split("\n").map((line) => JSON.parse(line) as { runId: string });
    expect(printed.every((e) => e.runId === id)).toBe(true);
    expect(await listEvents(id)).toEqual(printed);
    expect(await runStatus(id)).toBe("succeeded");
    const row = await db().run.findUnique({ where: { id }, select: { leaseOwner: true, request: true, document: { select: { text: true, fileName: true } } } });
    expect(row).toEqual({ leaseOwner: null, request: "Find the risks for the customer", document: { text: revised, fileName: "revised-contract.txt" } });

    const api = (await (await compareRoute.GET(new Request(`http://localhost/api/compare?a=${a}&b=${id}`))).json()) as RunComparison;
    expect([api.documents, api.b.status]).toEqual(["versions", "succeeded"]);
    const viaCli = await cli(["compare", a, id, "--json"]);
    expect(JSON.parse(viaCli.stdout)).toEqual(api);
  });

  it("stores only a whole log of an ended run, and writes nothing otherwise", async () => {
    const { storeFinishedRun } = await import("@/lib/server/store-run");
    const { createMemorySink } = await import("@/lib/engine/event-stamp");
    const { makeDocument } = await import("../support/make-document");
    const { db } = await import("@/lib/server/db");
    const document = makeDocument("Alpha.");
    const id = crypto.randomUUID();
    const { sink, events } = createMemorySink({ runId: id });
    await sink({ type: "run-start", request: "r", document: { title: "t", fileName: "t.txt", mediaType: "text/plain", format: "text", byteSize: 6, sha256: document.sha256, chars: 6 }, backend: "offline", models: { orchestrator: "o", worker: "w", synthesis: "s" }, limits: { maxTasks: 8, concurrency: 4, taskTimeoutMs: 60_000, maxAttempts: 2 } });
    await expect(storeFinishedRun({ document, events })).rejects.toThrow("Only a run that has ended can be stored (this one is planning).");
    await sink({ type: "run-cancel", reason: "stop" });
    await expect(storeFinishedRun({ document, events: events.slice(1) })).rejects.toThrow("Only a run's whole event log, in order, can be stored.");
    expect(await db().run.count({ where: { id } })).toBe(0);
  });

  it("refuses --save with --text (nothing runs, nothing to store)", async () => {
    const { code, stderr } = await cli(["tests/fixtures/contract.txt", "--text", "--save"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--text runs nothing, so there is nothing to --save");
  });
});
