import { createServer, request as httpRequest, type Server } from "node:http";
import { createClient } from "@libsql/client";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIRECT_BYPASS_PAYLOADS } from "@/lib/security/safe-next";
import { removeTempDatabases, startServer, type ServerProcess } from "@/scripts/server-process";
import { chromiumLaunchOptions } from "../support/chromium";

/**
 * The attacks as they arrive: a page on another port of the same host (same-site, so the Lax
 * session cookie rides along) posts to Foreman by fetch and by an auto-submitted form; the
 * sign-in redirect gets every known bypass; a rebinding `Host` asks for a page.
 */
const TOKEN = "correct-horse-battery-staple";

let server: ServerProcess;
let browser: Browser;
let attacker: { server: Server; url: string; page: string };

const runCount = async () => {
  const client = createClient({ url: server.databaseUrl });
  try {
    return Number((await client.execute("SELECT COUNT(*) AS n FROM Run")).rows[0]?.n);
  } finally {
    client.close();
  }
};

async function signedInContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill("#token", TOKEN);
  await page.click("button[type=submit]");
  await page.waitForURL(`${server.url}/`);
  await page.close();
  return context;
}

/** GET with a chosen Host header (fetch forbids setting Host). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  server = await startServer({ env: { FOREMAN_ACCESS_TOKEN: TOKEN, FOREMAN_BACKEND: "scripted", FOREMAN_ALLOWED_HOSTS: "foreman.example.test" } });
  browser = await chromium.launch(chromiumLaunchOptions());
  // Port 0: the system picks a free port at listen time (asking first, then listening, could race).
  const attackerServer = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(attacker.page));
  await new Promise<void>((resolve) => attackerServer.listen(0, "127.0.0.1", resolve));
  const address = attackerServer.address();
  if (typeof address !== "object" || !address) throw new Error("the attacker's server has no port");
  attacker = { server: attackerServer, url: `http://127.0.0.1:${address.port}`, page: "" };
});
afterAll(async () => {
  await browser?.close();
  attacker?.server.close();
  await server?.kill();
  removeTempDatabases();
});

describe("cross-site requests (CSRF)", () => {
  it("refuses a signed-in browser's cross-site fetch and auto-submitted forms from another port, starting nothing", async () => {
    const context = await signedInContext();
    try {
      // The real home page's form, copied field for field (hidden action fields included) onto the attacker's page.
      const home = await context.newPage();
      await home.goto(`${server.url}/`);
      const hidden = await home.$$eval("form input[type=hidden]", (inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]));
      expect(hidden.length).toBeGreaterThan(0);
      const before = await runCount();

      const page = await context.newPage();
      const apiResponse = page.waitForResponse((r) => r.url() === `${server.url}/api/runs`);
      attacker.page = `<script>const f = new FormData(); f.set("text", "Run up a bill."); fetch(${JSON.stringify(`${server.url}/api/runs`)}, { method: "POST", body: f, credentials: "include", mode: "no-cors" });</script>`;
      await page.goto(attacker.url);
      expect((await apiResponse).status()).toBe(403);

      const fields = (pairs: string[][]) => pairs.map(([name, value]) => `<input type="hidden" name="${name}" value='${(value ?? "").replace(/'/g, "&#39;")}'>`).join("");
      for (const [action, pairs] of [
        ["/api/runs", [["text", "Run up a bill."]]],
        ["/", [...hidden, ["text", "Run up a bill."], ["request", "everything"]]],
      ] as const) {
        attacker.page = `<form method="post" enctype="multipart/form-data" action="${server.url}${action}">${fields(pairs.map((p) => [...p]))}</form><script>document.forms[0].submit()</script>`;
        const response = page.waitForResponse((r) => r.url() === `${server.url}${action}` && r.request().method() === "POST");
        await page.goto(attacker.url);
        const res = await response;
        expect(res.status(), action).toBe(403);
        expect(await res.text(), action).toContain("Refused: it came from another site");
      }
      expect(await runCount()).toBe(before);

      // The same browser on Foreman's own page is not refused.
      const started = await home.evaluate(async () => {
        const f = new FormData();
        f.set("text", "A legitimate run.");
        return (await fetch("/api/runs", { method: "POST", body: f })).status;
      });
      expect(started).toBe(201);
      expect(await runCount()).toBe(before + 1);
    } finally {
      await context.close();
    }
  });

  it("answers a cross-site server-action call 403, not 500", async () => {
    const res = await fetch(`${server.url}/`, {
      method: "POST",
      headers: { "next-action": "0123456789abcdef0123456789abcdef01234567", origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site", cookie: "foreman_session=x" },
      body: "[]",
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("cross_site");
  });

  it("accepts a script's request only with a bearer header", async () => {
    const form = () => {
      const f = new FormData();
      f.set("text", "From a script.");
      return f;
    };
    expect((await fetch(`${server.url}/api/runs`, { method: "POST", body: form() })).status).toBe(403);
    expect((await fetch(`${server.url}/api/runs`, { method: "POST", body: form(), headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(201);
  });
});

describe("sign-in redirect", () => {
  it.each(REDIRECT_BYPASS_PAYLOADS)("stays on this site for next=%j", async (payload) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login?next=${encodeURIComponent(payload)}`);
      await page.fill("#token", TOKEN);
      await page.click("button[type=submit]");
      await page.waitForURL((url) => url.pathname !== "/login");
      expect(new URL(page.url()).origin).toBe(server.url);
    } finally {
      await context.close();
    }
  });
});

describe("Host allow-list (DNS rebinding)", () => {
  it("refuses a rebinding Host with 421 and answers the names it is", async () => {
    const rebind = await getWithHost("/api/health", "rebind.attacker.example");
    expect(rebind.status).toBe(421);
    expect(rebind.body).toContain("FOREMAN_ALLOWED_HOSTS");
    const page = await getWithHost("/runs", `rebind.attacker.example:${server.port}`);
    expect(page.status).toBe(421);
    expect(page.body).not.toContain("History");
    expect((await getWithHost("/api/health", `127.0.0.1:${server.port + 1}`)).status).toBe(421);
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, "foreman.example.test", `foreman.example.test:${server.port}`]) {
      expect((await getWithHost("/api/health", host)).status, host).toBe(200);
    }
  });

  it("warns at start-up when listening beyond loopback without a token", async () => {
    const open = await startServer({ hostname: "0.0.0.0", env: { FOREMAN_BACKEND: "scripted" } });
    try {
      expect(open.output()).toContain("[foreman] warning: listening on 0.0.0.0 without FOREMAN_ACCESS_TOKEN");
    } finally {
      await open.kill();
    }
    expect(server.output()).not.toContain("warning: listening");
  });
});
