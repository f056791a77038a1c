import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDatabases, startServer, type ServerProcess } from "@/scripts/server-process";
import { waitFor } from "@/scripts/sse-client";

/**
 * The smaller hardening items against the built server: history pagination and search, malformed
 * ids on API routes, pages and server actions, over-long file names, bidirectional controls in a
 * title. (Links in model output: external-links.test.ts.)
 */
let server: ServerProcess;
const bearer = { authorization: "Bearer script" };

beforeAll(async () => {
  server = await startServer({ env: { FOREMAN_BACKEND: "scripted" } });
});
afterAll(async () => {
  await server?.kill();
  removeTempDatabases();
});

async function startRun(file: { name: string; text: string }, request: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([file.text], { type: "text/plain" }), file.name);
  form.set("request", request);
  const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: bearer });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { runId: string }).runId;
}

type Detail = { status: string; document?: { title: string; fileName: string } };
const detail = async (id: string) => (await (await fetch(`${server.url}/api/runs/${id}`)).json()) as Detail;
const started = async (id: string) => waitFor(async () => (await detail(id)).document !== undefined, `run ${id} to start`);
const page = (pathAndQuery: string) => fetch(`${server.url}${pathAndQuery}`, { redirect: "manual" });

describe("history", () => {
  it("answers absurd page numbers without a server error", async () => {
    for (const query of ["page=99999999999999999999", "page=1e400", "page=-3", "page=abc", "page=9007199254740993"]) {
      const res = await page(`/runs?${query}`);
      expect(res.status, query).toBeLessThan(400);
      // Past the last page it sends you to the last page that has runs.
      if (res.status !== 200) expect(res.headers.get("location"), query).toMatch(/^\/runs(\?page=\d{1,7})?$/);
    }
  });

  it("searches for % and _ literally", async () => {
    const percent = await startRun({ name: "growth.txt", text: "Revenue grew." }, "Why did revenue grow 100% this year?");
    const underscore = await startRun({ name: "codes.txt", text: "Cost centres." }, "Review cost_center totals");
    const neither = await startRun({ name: "plain.txt", text: "Nothing special." }, "Review costs 100 and costXcenter");
    const listed = async (q: string) => {
      const html = await (await page(`/runs?q=${encodeURIComponent(q)}`)).text();
      return [percent, underscore, neither].filter((id) => html.includes(`/runs/${id}"`));
    };
    expect(await listed("%")).toEqual([percent]);
    expect(await listed("100%")).toEqual([percent]);
    expect(await listed("_")).toEqual([underscore]);
    expect(await listed("cost_center")).toEqual([underscore]);
    // The plain search still finds all three's shared word.
    expect((await listed("e")).length).toBe(3);
  });
});

describe("malformed ids", () => {
  const BAD = ["not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "1%20OR%201%3D1", "%00", "x".repeat(300)];

  it("API routes answer 404 for a malformed run id in the path, 400 for one in a query", async () => {
    for (const id of BAD) {
      for (const [method, suffix] of [["GET", ""], ["GET", "/events"], ["POST", "/cancel"], ["POST", "/approve"], ["POST", "/discard"], ["POST", "/replan"], ["POST", "/plan"]] as const) {
        const res = await fetch(`${server.url}/api/runs/${id}${suffix}`, { method, headers: { ...bearer, "content-type": "application/json" }, ...(method === "POST" ? { body: "{}" } : {}) });
        expect(res.status, `${method} /api/runs/${id.slice(0, 20)}${suffix}`).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
      }
    }
    const compare = await fetch(`${server.url}/api/compare?a=not-a-uuid&b=${"%00"}`);
    expect(compare.status).toBe(400);
  });

  it("pages answer 404 for a malformed run id in the path, and no server error for one in a query", async () => {
    for (const id of BAD) expect((await page(`/runs/${id}`)).status, id).toBe(404);
    for (const query of ["/compare?a=not-a-uuid&b=%00", `/compare?a=${"z".repeat(500)}`, "/runs?compare=not-a-uuid", "/runs?status=%27%3B--"]) {
      expect((await page(query)).status, query).toBeLessThan(500);
    }
  });

  it("server actions answer a 404-style refusal, not a 500, for a malformed id", async () => {
    const runId = await startRun({ name: "a.txt", text: "Some text." }, "Summarise");
    // Action ids as the build assigned them, and the page each is served from.
    const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
    };
    const pagePath = (worker: string) => (worker === "app/runs/[id]/page" ? `/runs/${runId}` : worker === "app/runs/page" ? "/runs" : "/");
    const calls: Record<string, unknown[]> = {
      cancelRunAction: ["not-a-uuid"],
      deleteRunAction: ["1 OR 1=1"],
      rerunAction: [""],
      retryTaskAction: ["../x", "t1"],
      approvePlanAction: [{ id: 1 }],
      savePlanAction: ["x", []],
      replanAction: ["x", "more detail"],
      discardPlanAction: [42],
    };
    for (const [actionId, entry] of Object.entries(manifest.node)) {
      const args = calls[entry.exportedName];
      if (!args) continue;
      const worker = Object.keys(entry.workers)[0] ?? "";
      const res = await fetch(`${server.url}${pagePath(worker)}`, {
        method: "POST",
        headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: server.url },
        body: JSON.stringify(args),
      });
      const body = await res.text();
      expect(res.status, `${entry.exportedName}: ${body.slice(0, 300)}`).toBe(200);
      expect(body, entry.exportedName).toContain('"code":"not_found"');
      expect(body, entry.exportedName).toContain('"status":404');
      delete calls[entry.exportedName];
    }
    expect(Object.keys(calls)).toEqual([]); // every action was found in the build and called
  });
});

describe("names and titles", () => {
  it("shortens a 500-character file name to 200 characters, keeping its extension", async () => {
    const id = await startRun({ name: `${"n".repeat(496)}.txt`, text: "A document with a very long name." }, "Summarise");
    await started(id);
    const fileName = (await detail(id)).document?.fileName ?? "";
    expect(Array.from(fileName)).toHaveLength(200);
    expect(fileName.endsWith("….txt")).toBe(true);
    expect(await (await page(`/runs/${id}`)).text()).toContain(fileName);
  });

  it("shows a right-to-left override in a title as a visible marker", async () => {
    const id = await startRun({ name: "invoice\u202Efdp.txt", text: "Invoice \u202Egpj.exe\n\nPlease pay the amount due within 30 days." }, "Summarise");
    await started(id);
    const document = (await detail(id)).document;
    expect(document?.title).toBe("Invoice ⟦U+202E⟧gpj.exe");
    expect(document?.fileName).toBe("invoice⟦U+202E⟧fdp.txt");
    // Where the name and title are shown: the page title, the heading, the history row. (The
    // document's own text, shown in the viewer, keeps its characters: citations index into it.)
    const runPage = await (await page(`/runs/${id}`)).text();
    const shown = [/<title>(.*?)<\/title>/.exec(runPage)?.[1], /<h1[^>]*>(.*?)<\/h1>/.exec(runPage)?.[1], /id="document-heading"[^>]*>(.*?)<\/h2>\s*<p[^>]*>(.*?)<\/p>/.exec(runPage)?.slice(1).join(" ")];
    const history = await (await page("/runs")).text();
    shown.push(new RegExp(`<tr[^>]*>(?:(?!</tr>).)*?/runs/${id}"(?:(?!</tr>).)*</tr>`).exec(history)?.[0]);
    for (const text of shown) {
      expect(text).toContain("⟦U+202E⟧");
      expect(text).not.toContain("\u202E");
    }
  });
});
