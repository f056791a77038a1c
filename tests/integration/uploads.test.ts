import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../support/temp-database";

const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted", FOREMAN_MAX_UPLOAD_MB: "1", FOREMAN_BODY_TIMEOUT_MS: "300" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { db } = await import("@/lib/server/db");
const { activeRuns } = await import("@/lib/server/run-registry");
const { POST: handler } = await import("@/app/api/runs/route");

/** As a script calls it: no Origin, a bearer header (the cross-site rule). */
const POST = (request: Request) => {
  if (!request.headers.has("authorization") && !request.headers.has("origin")) request.headers.set("authorization", "Bearer script");
  return handler(request, { params: Promise.resolve({}) });
};

beforeAll(() => applyMigrations({ url: temp.url }));
afterAll(async () => {
  await Promise.all([...activeRuns().values()].map((r) => r.done));
  temp.cleanup();
});

const post = (form: FormData) => POST(new Request("http://localhost/api/runs", { method: "POST", body: form }));
const fixture = (name: string, type = "application/octet-stream") => new File([readFileSync(`tests/fixtures/${name}`)], name, { type });
const counts = async () => ({ runs: await db().run.count(), documents: await db().document.count() });

describe("POST /api/runs with hostile uploads", () => {
  it.each([
    ["fake.pdf", 415, "document_unsupported_type", /PNG/],
    ["zip-bomb.docx", 413, "document_too_large", /zip bomb/i],
    ["encrypted.pdf", 400, "document_encrypted", /password|encrypted/i],
    ["corrupt.pdf", 400, "document_corrupt", /corrupt|damaged|not a valid/i],
    ["scanned.pdf", 400, "document_no_text", /text layer/i],
    ["empty.txt", 400, "document_empty", /empty/i],
  ])("%s → %i %s, nothing stored", async (name, status, code, message) => {
    const before = await counts();
    const form = new FormData();
    form.set("file", fixture(name));
    const res = await post(form);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("refuses an oversize upload before reading all of it", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await POST(
      new Request("http://localhost/api/runs", { method: "POST", body: endless, headers: { "content-type": "multipart/form-data; boundary=x" }, duplex: "half" } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024); // limit is 1 MB (+64 KB form overhead)
  });

  it("refuses a declared oversize body without reading it", async () => {
    const res = await POST(new Request("http://localhost/api/runs", { method: "POST", body: "x", headers: { "content-length": String(50 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
  });

  it("refuses a body that stops arriving (a lying Content-Length) instead of waiting for it", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("--x\r\n"));
      },
    });
    const res = await POST(
      new Request("http://localhost/api/runs", { method: "POST", body: stalled, headers: { "content-type": "multipart/form-data; boundary=x" }, duplex: "half" } as RequestInit),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/stopped arriving/);
  });

  it("refuses a cross-site request, and one that says neither where it came from nor who sent it", async () => {
    const before = await counts();
    const form = () => {
      const f = new FormData();
      f.set("text", "cross-site");
      return f;
    };
    const attacks: Record<string, string>[] = [{ origin: "http://127.0.0.1:4000", host: "localhost" }, { "sec-fetch-site": "same-site" }, { "sec-fetch-site": "cross-site", origin: "http://evil.example" }, {}];
    for (const headers of attacks) {
      const res = await handler(new Request("http://localhost/api/runs", { method: "POST", body: form(), headers }), { params: Promise.resolve({}) });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Refused: /);
    }
    expect(await counts()).toEqual(before);
  });

  it("shows bidirectional override characters in names and titles instead of obeying them, and caps long names", async () => {
    const form = new FormData();
    form.set("file", new File(["Invoice for March.\n\nTotal due: 100 EUR."], "Invoice \u202Egpj.exe.txt", { type: "text/plain" }));
    const res = await post(form);
    expect(res.status).toBe(201);
    const { runId } = (await res.json()) as { runId: string };
    const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { document: true } });
    expect(run.document.fileName).toBe("Invoice ⟦U+202E⟧gpj.exe.txt");
    expect(run.document.fileName).not.toMatch(/\u202E/);

    const long = new FormData();
    long.set("file", new File(["Some text to read."], `${"a".repeat(5_000)}.txt`, { type: "text/plain" }));
    const longRes = await post(long);
    const longRun = await db().run.findUniqueOrThrow({ where: { id: ((await longRes.json()) as { runId: string }).runId }, include: { document: true } });
    expect(Array.from(longRun.document.fileName)).toHaveLength(200);
    expect(longRun.document.fileName.endsWith("….txt")).toBe(true);
  });

  it("is still healthy afterwards: a good upload starts a run", async () => {
    const form = new FormData();
    form.set("file", fixture("contract.pdf", "application/pdf"));
    form.set("request", "risks");
    const res = await post(form);
    expect(res.status).toBe(201);
    const { runId } = (await res.json()) as { runId: string };
    await activeRuns().get(runId)?.done;
    expect(await db().run.findUnique({ where: { id: runId }, select: { status: true } })).toEqual({ status: "succeeded" });
  });

  it("takes per-run budgets from the form and refuses invalid ones", async () => {
    const form = new FormData();
    form.set("text", "Budgeted text.");
    form.set("maxTasks", "3");
    form.set("maxTokens", "50000");
    form.set("maxCostUsd", "0.5");
    form.set("maxWallSeconds", "60");
    const res = await post(form);
    const { runId } = (await res.json()) as { runId: string };
    await activeRuns().get(runId)?.done;
    const first = await db().runEvent.findFirstOrThrow({ where: { runId, seq: 1 } });
    expect(JSON.parse(first.payload).limits).toMatchObject({ maxTasks: 3, maxTokens: 50_000, maxCostUsd: 0.5, maxWallMs: 60_000 });

    const bad = new FormData();
    bad.set("text", "x");
    bad.set("maxTasks", "0");
    const refused = await post(bad);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("At least 1 task.");
  });

  it("starts one run for a double submit with one idempotency key", async () => {
    const key = crypto.randomUUID();
    const make = () => {
      const form = new FormData();
      form.set("text", "Pasted text for a double submit.");
      form.set("idempotencyKey", key);
      return post(form);
    };
    const [a, b] = await Promise.all([make(), make()]);
    const ids = await Promise.all([a.json(), b.json()]);
    expect(ids[0]).toEqual(ids[1]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
  });
});
