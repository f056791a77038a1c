import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { chromiumLaunchOptions } from "../support/chromium";

const TOKEN = "correct-horse-battery-staple";

let server: ServerProcess;
let runId: string;
const bearer = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  server = await startServer({ env: { FOREMAN_ACCESS_TOKEN: TOKEN, FOREMAN_BACKEND: "scripted" } });
  const form = new FormData();
  form.set("text", "A private document about Project Nightingale.");
  const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: bearer });
  expect(res.status).toBe(201);
  ({ runId } = (await res.json()) as { runId: string });
});
afterAll(() => server?.kill());

describe("FOREMAN_ACCESS_TOKEN", () => {
  it("refuses every page, action and API without a session, leaking nothing", async () => {
    for (const path of ["/", "/runs", `/runs/${runId}`]) {
      const res = await fetch(server.url + path, { redirect: "manual" });
      expect(res.status, path).toBe(307);
      expect(res.headers.get("location"), path).toContain("/login?next=");
      expect(await res.text()).not.toContain("Nightingale");
    }
    const apis: [string, RequestInit][] = [
      [`/api/runs/${runId}/events`, {}],
      ["/api/runs/00000000-0000-4000-8000-000000000000/events", {}],
      ["/api/runs", { method: "POST", body: new FormData(), headers: { "sec-fetch-site": "same-origin" } }],
      ["/", { method: "POST", headers: { "next-action": "0123456789abcdef", "sec-fetch-site": "same-origin" }, body: "[]" }],
    ];
    for (const [path, init] of apis) {
      const res = await fetch(server.url + path, { ...init, redirect: "manual" });
      expect(res.status, path).toBe(401);
      const body = await res.text();
      expect(body).not.toContain("Nightingale");
      expect(body).not.toContain("run-start");
    }
    const wrong = await fetch(`${server.url}/api/runs/${runId}/events`, { headers: { authorization: "Bearer wrong" } });
    expect(wrong.status).toBe(401);
  });

  it("works with the token: API with a bearer header, pages after signing in with a secure http-only cookie", async () => {
    const events = await fetch(`${server.url}/api/runs/${runId}/events`, { headers: bearer });
    expect(events.status).toBe(200);
    expect(await events.text()).toContain("Nightingale");

    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/runs`);
      expect(new URL(page.url()).pathname).toBe("/login");
      // Signed out, the header offers no links that would only lead back to sign-in.
      await page.locator("#token").waitFor();
      expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "History" }).count()).toBe(0);
      await page.fill("#token", "not it");
      await page.click("button[type=submit]");
      await page.getByRole("alert").filter({ hasText: "not right" }).waitFor();
      await page.fill("#token", TOKEN);
      await page.click("button[type=submit]");
      await page.waitForURL(`${server.url}/runs`);
      await page.getByRole("heading", { name: "History" }).waitFor();
      // Signed in, the navigation is back.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New run" }).waitFor();
      const cookie = (await page.context().cookies()).find((c) => c.name === "foreman_session");
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });
      expect(cookie?.value).not.toContain(TOKEN);
    } finally {
      await browser.close();
    }
  });
});
