import { expect, test } from "@playwright/test";
import { documentText, fixture, nodeButton, RUN_TIMEOUT, startRunFromForm, waitForRunToFinish } from "./support/run-page";

test.use({ viewport: { width: 390, height: 844 } });

test("on a phone, a citation in the step sheet shows its passage uncovered and leads back to the step", async ({ page }) => {
  await startRunFromForm(page, { file: fixture("contract.txt") });
  await waitForRunToFinish(page);
  await nodeButton(page, "task:contract-risk").click();
  const panel = page.locator("#node-panel");
  await expect(panel).toBeVisible();

  await panel.getByTitle("Show this passage in the document").first().click();
  // The sheet covered the bottom of the screen, where the passage is scrolled to: it makes way.
  await expect(panel).toBeHidden();
  const mark = documentText(page).locator("mark").first();
  await expect(mark).toBeInViewport();

  await page.getByRole("button", { name: /Back to the citation/ }).click();
  await expect(panel).toBeVisible();
  await expect(panel.locator("#node-panel-title")).toContainText("contract-risk");
  await expect(page.getByRole("button", { name: /Back to the citation/ })).toHaveCount(0);
});

test("on a phone, a refused upload's message comes into view and takes the focus", async ({ page }) => {
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles(fixture("fake.pdf"));
  // With the budget open, the button at the foot of the form is more than a screen below the
  // message's place at its head.
  await page.getByText("Budget for this run").click();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.getByRole("button", { name: "Start analysis" }).click();
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toContainText('"fake.pdf" has an unsupported type');
  await expect(alert).toBeInViewport();
  await expect(alert).toBeFocused();
});

test("on a phone a history row fits the screen: its time, status and buttons are in view without scrolling sideways", async ({ page }) => {
  await startRunFromForm(page, { file: fixture("contract.txt") });
  await waitForRunToFinish(page);
  // A run awaiting approval has the longest status label.
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles(fixture("contract.txt"));
  await page.getByText("Review the plan first").click();
  await page.getByRole("button", { name: "Start analysis" }).click();
  await expect(page.getByRole("button", { name: "Run this plan" })).toBeVisible({ timeout: RUN_TIMEOUT });

  await page.goto("/runs");
  const table = page.getByRole("table");
  const scroller = table.locator("..");
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(table.getByText("Awaiting approval").first()).toBeInViewport({ ratio: 1 });
  for (const row of [table.getByRole("row").nth(1), table.getByRole("row").nth(2)]) {
    await expect(row.locator("time").first()).toBeInViewport();
    await expect(row.getByRole("button", { name: /^Delete run on/ })).toBeInViewport({ ratio: 1 });
    await expect(row.getByRole("button", { name: /^Re-run on/ })).toBeInViewport({ ratio: 1 });
  }
});
