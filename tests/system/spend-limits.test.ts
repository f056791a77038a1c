import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDatabases, startServer, type ServerProcess } from "@/scripts/server-process";
import { chromiumLaunchOptions } from "../support/chromium";

/**
 * Spend and abuse limits against the built server: one run executes at a time here
 * (FOREMAN_MAX_ACTIVE_RUNS=1) and the next waits, shown as queued; every sign-in gets its own
 * expiring session, sign-out revokes exactly that one (across a restart too); wrong tokens are
 * rate-limited per client.
 */
const TOKEN = "correct-horse-battery-staple";
const bearer = { authorization: `Bearer ${TOKEN}` };
const ENV = { FOREMAN_ACCESS_TOKEN: TOKEN, FOREMAN_BACKEND: "scripted", FOREMAN_MAX_ACTIVE_RUNS: "1", FOREMAN_SESSION_DAYS: "2" };

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  removeTempDatabases();
});

/** Each describe owns its server, so no test depends on what an earlier one did to it. */
function ownServer(env: Record<string, string> = ENV): { current: () => ServerProcess; replace: (next: ServerProcess) => void } {
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    server = await startServer({ env });
  });
  afterAll(async () => {
    await server?.kill();
  });
  return {
    current: () => {
      if (!server) throw new Error("the server did not start");
      return server;
    },
    replace: (next) => {
      server = next;
    },
  };
}

async function signIn(context: BrowserContext, server: ServerProcess): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill("#token", TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server.url}/`);
  await page.close();
  const cookie = (await context.cookies()).find((c) => c.name === "foreman_session");
  if (!cookie) throw new Error("no session cookie");
  return cookie.value;
}

const withCookie = (server: ServerProcess, value: string) => fetch(`${server.url}/runs`, { headers: { cookie: `foreman_session=${value}` }, redirect: "manual" }).then((r) => r.status);

describe("concurrent runs", () => {
  // Each scripted task takes 10 minutes: a run ends only when canceled, so nothing here races the clock.
  const own = ownServer({ ...ENV, FOREMAN_SCRIPTED_LATENCY_MS: "600000" });

  it("executes one run at a time here and shows the next as queued until it gets its turn", async () => {
    const slow = own.current();
    const context = await browser.newContext();
    try {
      const start = async (text: string) => {
        const form = new FormData();
        form.set("text", text);
        return ((await (await fetch(`${slow.url}/api/runs`, { method: "POST", body: form, headers: bearer })).json()) as { runId: string }).runId;
      };
      const statusOf = async (id: string) => ((await (await fetch(`${slow.url}/api/runs/${id}`, { headers: bearer })).json()) as { status: string }).status;
      // A state change takes well under a second; the deadline only turns a hang into a clear failure.
      const waitFor = async (id: string, accept: (s: string) => boolean) => {
        const deadline = Date.now() + 60_000;
        for (let status = await statusOf(id); !accept(status); status = await statusOf(id)) {
          if (Date.now() > deadline) throw new Error(`run ${id} is still "${status}" after 60 s`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      const first = await start("The first document, which runs at once.");
      await waitFor(first, (s) => s === "running");
      const second = await start("The second document, which waits its turn.");

      const login = await context.newPage();
      await login.goto(`${slow.url}/login`);
      await login.fill("#token", TOKEN);
      await login.getByRole("button", { name: "Sign in" }).click();
      await login.waitForURL(`${slow.url}/`);
      const page = await context.newPage();
      await page.goto(`${slow.url}/runs/${second}`);
      await page.getByText("Queued").first().waitFor();
      expect(await statusOf(second)).toBe("pending");
      expect(await statusOf(first)).toBe("running");

      // The first ends (canceled): the second gets its turn.
      await page.goto(`${slow.url}/runs/${first}`);
      await page.getByRole("button", { name: "Cancel run" }).click();
      await waitFor(first, (s) => s === "canceled");
      await waitFor(second, (s) => s === "running");
      await page.goto(`${slow.url}/runs/${second}`);
      await page.getByRole("button", { name: "Cancel run" }).click();
      await waitFor(second, (s) => s === "canceled");
    } finally {
      await context.close();
    }
  });
});

describe("sessions", () => {
  const own = ownServer();

  it("gives each sign-in its own expiring session; sign-out ends only that one, for good", async () => {
    const server = own.current();
    const one = await browser.newContext();
    const two = await browser.newContext();
    try {
      const a = await signIn(one, server);
      const b = await signIn(two, server);
      expect(a).not.toBe(b);
      const cookie = (await one.cookies()).find((c) => c.name === "foreman_session");
      const days = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(1.9);
      expect(days).toBeLessThanOrEqual(2);
      expect(await withCookie(server, a)).toBe(200);

      const page = await one.newPage();
      await page.goto(`${server.url}/runs`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/login/);
      expect((await one.cookies()).find((c) => c.name === "foreman_session")).toBeUndefined();
      // The old value, replayed by someone who copied it, no longer works; the other session does.
      expect(await withCookie(server, a)).toBe(307);
      expect(await withCookie(server, b)).toBe(200);

      await server.kill();
      const restarted = await startServer({ env: ENV, databaseUrl: server.databaseUrl });
      own.replace(restarted);
      expect(await withCookie(restarted, a)).toBe(307);
      expect(await withCookie(restarted, b)).toBe(200);
    } finally {
      await one.close();
      await two.close();
    }
  });

});

describe("wrong tokens", () => {
  const own = ownServer();

  it("rate-limits wrong tokens per client, refusing even the right one while limited", async () => {
    const server = own.current();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      for (let i = 0; i < 10; i++) {
        await page.fill("#token", `wrong-${i}`);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("alert").filter({ hasText: "not right" }).waitFor();
        await page.getByRole("button", { name: "Sign in" }).waitFor();
        await expect.poll(() => page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
      }
      await page.fill("#token", TOKEN);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: /Too many wrong tokens\. Try again in 1[45] minutes\./ }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/login");
    } finally {
      await context.close();
    }
  });
});
