import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { readEventLog, summarise } from "./support/event-log";
import {
  fillAndSubmit,
  fixture,
  graphSnapshot,
  historyRow,
  nodeButton,
  progressCard,
  runIdOf,
  startRunFromForm,
  uniqueUpload,
  waitForRunToFinish,
} from "./support/run-page";

const report = readFileSync(fixture("report.md"));
const contract = readFileSync(fixture("contract.txt"));

/** Searches the history through its form, as a user would (the filters live in the URL). */
async function searchHistory(page: Page, filters: { q?: string; status?: string }): Promise<void> {
  await page.goto("/runs");
  await page.getByLabel("Search document or request").fill(filters.q ?? "");
  await page.getByLabel("Status").selectOption(filters.status ?? "");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.pathname === "/runs" && (url.searchParams.get("q") ?? "") === (filters.q ?? ""));
}

const runLinks = (page: Page) => page.locator('tbody tr a[href^="/runs/"]');

test("search by document name and filter by status", async ({ page }) => {
  const token = `hist${Date.now().toString(36)}`;
  const done = uniqueUpload(report, `${token}-alpha`, "md", "text/markdown");
  const stopped = uniqueUpload(contract, `${token}-beta`, "txt", "text/plain");

  const doneId = await startRunFromForm(page, { upload: done });
  await waitForRunToFinish(page);
  // A canceled run without racing a live one: the plan waits for review, and Discard cancels it.
  await page.goto("/");
  await page.getByLabel(/Review the plan first/).check();
  await fillAndSubmit(page, { upload: stopped });
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  const stoppedId = runIdOf(page);
  await page.getByRole("region", { name: /Review the plan before it runs/ }).getByRole("button", { name: "Discard" }).click();
  await expect(progressCard(page).getByText("Canceled", { exact: true })).toBeVisible({ timeout: 15_000 });

  // The shared part of the names finds both, newest first; nothing else matches it.
  await searchHistory(page, { q: token });
  await expect(runLinks(page)).toHaveText([stopped.name, done.name]);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–2 of 2 runs");

  // One document's own name finds only that run.
  await searchHistory(page, { q: `${token}-alpha` });
  await expect(runLinks(page)).toHaveText([done.name]);
  await expect(historyRow(page, doneId).locator("td").nth(3)).toHaveText("Succeeded");

  // Status filters, combined with the search.
  await searchHistory(page, { q: token, status: "canceled" });
  await expect(runLinks(page)).toHaveText([stopped.name]);
  await expect(historyRow(page, stoppedId).locator("td").nth(3)).toHaveText("Canceled");
  await expect(page).toHaveURL(/status=canceled/);

  await searchHistory(page, { q: token, status: "succeeded" });
  await expect(runLinks(page)).toHaveText([done.name]);

  await searchHistory(page, { q: token, status: "failed" });
  await expect(runLinks(page)).toHaveCount(0);
  await expect(page.getByText("No runs match these filters.")).toBeVisible();

  // The filters survive a reload (they are in the URL) and Clear removes them.
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("failed");
  await expect(page.getByLabel("Search document or request")).toHaveValue(token);
  await page.getByRole("link", { name: "Clear" }).click();
  await page.waitForURL((url) => url.pathname === "/runs" && url.search === "");
  await expect(historyRow(page, doneId)).toHaveCount(1);
  await expect(historyRow(page, stoppedId)).toHaveCount(1);
});

test("delete asks for confirmation, then removes the run", async ({ page }) => {
  const upload = uniqueUpload(report, "delete-me", "md", "text/markdown");
  const runId = await startRunFromForm(page, { upload });
  await waitForRunToFinish(page);

  await searchHistory(page, { q: upload.name });
  const row = historyRow(page, runId);
  await expect(row).toHaveCount(1);
  const deleteButton = row.getByRole("button", { name: `Delete run on ${upload.name}` });

  // Dismissed: nothing happens.
  const dismissed = new Promise<string>((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    }),
  );
  await deleteButton.click();
  expect(await dismissed).toBe(`confirm: Delete the run on "${upload.name}"? Its events and report are removed for good.`);
  await page.reload();
  await expect(historyRow(page, runId)).toHaveCount(1);

  // Accepted: the row goes, and so does the run.
  page.once("dialog", (dialog) => void dialog.accept());
  await historyRow(page, runId).getByRole("button", { name: `Delete run on ${upload.name}` }).click();
  await expect(historyRow(page, runId)).toHaveCount(0);
  await expect(page.getByText("No runs match these filters.")).toBeVisible();
  await page.reload();
  await expect(historyRow(page, runId)).toHaveCount(0);
  const gone = await page.goto(`/runs/${runId}`);
  expect(gone?.status()).toBe(404);
  expect((await page.request.get(`/api/runs/${runId}/events?after=0`)).status()).toBe(404);
});

test("re-run starts a new run of the same document and request", async ({ page, request }) => {
  const upload = uniqueUpload(report, "rerun-me", "md", "text/markdown");
  const ask = "Check the evidence behind the conclusions.";
  const firstId = await startRunFromForm(page, { upload, request: ask });
  await waitForRunToFinish(page);
  const firstGraph = await graphSnapshot(page);

  await searchHistory(page, { q: upload.name });
  await historyRow(page, firstId).getByRole("button", { name: `Re-run on ${upload.name}` }).click();
  await page.waitForURL((url) => /^\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(firstId));
  const secondId = runIdOf(page);
  expect(secondId).not.toBe(firstId);
  await expect(nodeButton(page, "orchestrator")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(await documentTitle(request, firstId));
  await waitForRunToFinish(page);
  // Same document, same request, so the offline engine plans and ends the same way.
  expect(await graphSnapshot(page)).toEqual(firstGraph);

  const [first, second] = await Promise.all([readEventLog(request, firstId), readEventLog(request, secondId)]);
  const a = summarise(first, firstId).state;
  const b = summarise(second, secondId).state;
  expect(b.request).toBe(ask);
  expect(b.request).toBe(a.request);
  expect(b.document?.sha256).toBe(a.document?.sha256);
  expect(b.document?.fileName).toBe(upload.name);

  await searchHistory(page, { q: upload.name });
  await expect(runLinks(page)).toHaveText([upload.name, upload.name]);
  await expect(historyRow(page, secondId)).toHaveCount(1);
  await expect(historyRow(page, firstId)).toHaveCount(1);
});

async function documentTitle(request: Parameters<typeof readEventLog>[0], runId: string): Promise<string> {
  const log = await readEventLog(request, runId);
  return summarise(log, runId).state.document?.title ?? "";
}
