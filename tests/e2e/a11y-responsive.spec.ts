import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { fixture, nodeButton, startRunFromForm, waitForRunToFinish } from "./support/run-page";

const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core in the page (injected: @axe-core/playwright needs Node 22); serious and critical only. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

async function noHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${what}: page is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

test("no serious or critical axe violation on home, run (live and finished, panel open) and history, light and dark", async ({ page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    expect(await seriousViolations(page), `home, ${colorScheme}`).toEqual([]);

    await startRunFromForm(page, { file: fixture("contract.pdf") });
    await nodeButton(page, "orchestrator").click();
    await expect(page.locator("#node-panel")).toBeVisible();
    expect(await seriousViolations(page), `live run, ${colorScheme}`).toEqual([]);

    await waitForRunToFinish(page);
    await page.locator('[data-node-button^="task:"]').first().click();
    await expect(page.locator("#node-panel h2")).toBeVisible();
    expect(await seriousViolations(page), `finished run, ${colorScheme}`).toEqual([]);
    await page.getByRole("tab", { name: "Timeline" }).click();
    expect(await seriousViolations(page), `timeline, ${colorScheme}`).toEqual([]);

    await page.goto("/runs");
    expect(await seriousViolations(page), `history, ${colorScheme}`).toEqual([]);
  }
});

test("no horizontal page overflow at 390, 768 and 1024 px; the side panel is a bottom sheet on a phone", async ({ page }) => {
  await startRunFromForm(page, { file: fixture("contract.pdf"), request: `A long request without spaces ${"x".repeat(120)}` });
  await waitForRunToFinish(page);
  const run = page.url();
  for (const width of [390, 768, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/");
    await noHorizontalOverflow(page, `home at ${width}`);
    await page.goto(run);
    await expect(page.locator("[data-node-button]").first()).toBeVisible();
    await noHorizontalOverflow(page, `run at ${width}`);
    await page.goto("/runs");
    await noHorizontalOverflow(page, `history at ${width}`);
  }
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(run);
  await expect(page.locator("#node-panel")).toBeHidden(); // nothing selected: no empty panel on a phone
  await nodeButton(page, "orchestrator").click();
  const sheet = await page.locator("#node-panel").evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { position: getComputedStyle(el).position, bottom: Math.round(window.innerHeight - r.bottom), fullWidth: Math.round(r.width) === document.documentElement.clientWidth };
  });
  expect(sheet).toEqual({ position: "fixed", bottom: 0, fullWidth: true });
});
