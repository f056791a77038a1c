import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDatabases, startServer, type ServerProcess } from "@/scripts/server-process";
import { chromiumLaunchOptions } from "../support/chromium";

/**
 * The documented limit (FOREMAN_MAX_UPLOAD_MB, default 20) holds end to end against the built
 * server: a real 15 MB file is accepted and a 25 MB file refused with 413 and the limit in words,
 * through the API (declared and chunked), the form without JavaScript, and the browser.
 */
const MB = 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), "foreman-upload-"));

/** A plain-text document of exactly `bytes` bytes: real sentences, so it is ingested as text. */
function textFile(name: string, bytes: number): string {
  const sentence = "The supplier shall deliver the goods by the first of May and the buyer shall pay within thirty days. ";
  const file = path.join(dir, name);
  writeFileSync(file, sentence.repeat(Math.ceil(bytes / sentence.length)).slice(0, bytes));
  return file;
}

let server: ServerProcess;
let browser: Browser;
let small: string;
let large: string;

beforeAll(async () => {
  small = textFile("fifteen.txt", 15 * MB);
  large = textFile("twenty-five.txt", 25 * MB);
  server = await startServer({ env: { FOREMAN_BACKEND: "scripted" } });
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
  rmSync(dir, { recursive: true, force: true }); // 40 MB of test files
  removeTempDatabases();
});

const form = (file: string) => {
  const data = new FormData();
  data.set("file", new Blob([new Uint8Array(readFileSync(file))], { type: "text/plain" }), path.basename(file));
  return data;
};
const script = { authorization: "Bearer script" };

describe("the upload limit, end to end", () => {
  it("API: accepts 15 MB, refuses 25 MB with 413 whether its length is declared or chunked", async () => {
    const ok = await fetch(`${server.url}/api/runs`, { method: "POST", body: form(small), headers: script });
    expect(ok.status).toBe(201);

    const declared = await fetch(`${server.url}/api/runs`, { method: "POST", body: form(large), headers: script });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { message: string } }).error.message).toContain("limit of 20 MB");

    // Chunked: no Content-Length, so the limit must hold while reading.
    const encoded = new Response(form(large));
    const chunked = await fetch(`${server.url}/api/runs`, {
      method: "POST",
      body: encoded.body,
      headers: { ...script, "content-type": encoded.headers.get("content-type") ?? "" },
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { message: string } }).error.message).toContain("limit of 20 MB");
  });

  it("form without JavaScript: 15 MB starts a run, 25 MB gets a 413 page saying the limit", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.setInputFiles("#file", small);
      // The run page itself (15 MB of text) may take long to render; the redirect is what counts.
      await Promise.all([page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { waitUntil: "commit", timeout: 60_000 }), page.click("button[type=submit]")]);

      await page.goto(`${server.url}/`);
      await page.setInputFiles("#file", large);
      const answered = page.waitForResponse((r) => r.request().method() === "POST");
      await page.click("button[type=submit]");
      const res = await answered;
      expect(res.status()).toBe(413);
      await page.getByRole("alert").filter({ hasText: "larger than the limit of 20 MB" }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("browser with JavaScript: 15 MB starts a run; 25 MB is refused before anything is uploaded", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.setInputFiles("#file", small);
      await Promise.all([page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { waitUntil: "commit", timeout: 60_000 }), page.click("button[type=submit]")]);

      await page.goto(`${server.url}/`);
      let posted = false;
      page.on("request", (r) => {
        if (r.method() === "POST") posted = true;
      });
      await page.setInputFiles("#file", large);
      await page.click("button[type=submit]");
      await page.locator("form").getByRole("alert").filter({ hasText: '"twenty-five.txt" is 25.0 MB; the limit is 20 MB.' }).waitFor();
      expect(posted).toBe(false);
    } finally {
      await context.close();
    }
  });
});
