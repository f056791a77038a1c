import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { startMockAnthropic, type MockAnthropic, type MockHandler, type MockReply } from "@/tests/support/mock-anthropic";
import { defaultMockHandler } from "@/tests/support/mock-anthropic-default";
import { chromiumLaunchOptions } from "../support/chromium";

/**
 * A link in model output whose text names one site and whose target is another: clicking it in the
 * built app asks first, naming the real host, and stays on Foreman when refused.
 */
const LINK = "[https://docs.foreman.example/help](https://evil.example/phish)";

/** The default mock run, with a disguised link added to the report the synthesis writes. */
const handler: MockHandler = async (request) => {
  const reply = (await defaultMockHandler(request)) as MockReply;
  if (request.kind !== "synthesis" || reply.type !== "message") return reply;
  return { ...reply, content: [...reply.content, { type: "text", text: `\n\nFor help, see ${LINK}.\n` }] };
};

let mock: MockAnthropic;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  mock = await startMockAnthropic({ handler });
  server = await startServer({ env: { ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: mock.url, FOREMAN_BACKEND: "claude" } });
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
  await mock?.close();
});

describe("links in model output", () => {
  it("ask before leaving, showing the real host, and stay when refused", async () => {
    const form = new FormData();
    form.set("text", "Acme shall deliver the software by 1 May 2025 and Beta shall pay GBP 10,000 within 30 days. Liability is unlimited.");
    const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } });
    expect(res.status, await res.clone().text()).toBe(201);
    const { runId } = (await res.json()) as { runId: string };

    const page = await browser.newPage();
    const dialogs: { type: string; message: string }[] = [];
    const requests: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push({ type: dialog.type(), message: dialog.message() });
      void dialog.dismiss();
    });
    page.on("request", (req) => requests.push(req.url()));
    await page.goto(`${server.url}/runs/${runId}`);
    const link = page.locator("#report .markdown a", { hasText: "https://docs.foreman.example/help" });
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]?.type).toBe("confirm");
    expect(dialogs[0]?.message).toContain("This link leaves Foreman for evil.example.");
    expect(dialogs[0]?.message).toContain("https://evil.example/phish");
    expect(dialogs[0]?.message).not.toContain("docs.foreman.example");
    expect(page.url()).toBe(`${server.url}/runs/${runId}`);
    expect(requests.some((url) => url.includes("evil.example"))).toBe(false);
    await page.close();
  });
});
