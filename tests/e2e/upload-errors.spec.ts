import { expect, test } from "@playwright/test";
import { fillAndSubmit, fixture, historyTotal } from "./support/run-page";

test("an unsupported file (PNG bytes named .pdf) is refused inline and creates no run", async ({ page }) => {
  const before = await historyTotal(page);
  await page.goto("/");
  await fillAndSubmit(page, { file: fixture("fake.pdf") });

  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toContainText('"fake.pdf" has an unsupported type');
  await expect(alert).toContainText("PNG");
  // Still on the form, with the chosen file kept for a second try.
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(page.getByText("fake.pdf", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start analysis" })).toBeEnabled();

  expect(await historyTotal(page)).toBe(before);
});

test("submitting nothing asks for a file or text and creates no run", async ({ page }) => {
  const before = await historyTotal(page);
  await page.goto("/");
  await page.getByRole("button", { name: "Start analysis" }).click();

  await expect(page.locator("form").getByRole("alert")).toHaveText("Choose a file or paste some text to analyse.");
  expect(new URL(page.url()).pathname).toBe("/");

  // Whitespace only is nothing too.
  await page.getByLabel("…or paste text").fill("   \n\t  ");
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/");
  await page.getByRole("button", { name: "Start analysis" }).click();
  expect((await answered).status()).toBe(200);
  await expect(page.locator("form").getByRole("alert")).toContainText(/empty|Choose a file or paste some text/);
  expect(new URL(page.url()).pathname).toBe("/");

  expect(await historyTotal(page)).toBe(before);
});

test("a file over the upload limit is refused at once, without uploading it", async ({ page }) => {
  const before = await historyTotal(page);
  await page.goto("/");
  let posted = false;
  page.on("request", (r) => {
    if (r.method() === "POST") posted = true;
  });
  // The e2e server's limit is 1 MB (scripts/e2e-server.sh).
  await fillAndSubmit(page, { upload: { name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(1_500_000, "a") } });
  await expect(page.locator("form").getByRole("alert")).toHaveText('"big.txt" is 1.4 MB; the limit is 1 MB.');
  expect(posted).toBe(false);
  expect(await historyTotal(page)).toBe(before);
});
