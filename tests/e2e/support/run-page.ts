import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Locator, type Page } from "@playwright/test";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
export const fixture = (name: string): string => path.join(FIXTURES, name);

const RUN_URL = /\/runs\/([0-9a-f-]{36})$/;
/** Long enough for a whole offline run (about 2 s at the e2e delay) on a loaded machine. */
export const RUN_TIMEOUT = 30_000;

export type UploadInput =
  | { file: string; request?: string }
  | { upload: { name: string; mimeType: string; buffer: Buffer }; request?: string }
  | { text: string; request?: string };

/** Fills the form on `/`, submits it and waits for the redirect to the run page; returns the run id. */
export async function startRunFromForm(page: Page, input: UploadInput): Promise<string> {
  await page.goto("/");
  await fillAndSubmit(page, input);
  await page.waitForURL(RUN_URL, { timeout: 15_000 });
  return runIdOf(page);
}

export async function fillAndSubmit(page: Page, input: UploadInput): Promise<void> {
  if ("file" in input) await page.locator('input[type="file"]').setInputFiles(input.file);
  if ("upload" in input) await page.locator('input[type="file"]').setInputFiles(input.upload);
  if ("text" in input) await page.getByLabel("…or paste text").fill(input.text);
  if (input.request) await page.getByLabel("What should be analysed?").fill(input.request);
  await page.getByRole("button", { name: "Start analysis" }).click();
}

export function runIdOf(page: Page): string {
  const id = RUN_URL.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`not on a run page: ${page.url()}`);
  return id;
}

export const nodeButton = (page: Page, nodeId: string): Locator => page.locator(`[data-node-button="${nodeId}"]`);
export const taskNodeButtons = (page: Page): Locator => page.locator('[data-node-button^="task:"]');
export const progressBar = (page: Page): Locator => page.getByRole("progressbar", { name: "Tasks finished" });
/** The progress card: run status badge and the Tasks / Elapsed / Tokens metrics. */
export const progressCard = (page: Page): Locator => progressBar(page).locator("..");
export const documentText = (page: Page): Locator => page.locator('[aria-label="Document text"]');
export const reportSection = (page: Page): Locator => page.locator("section#report");

export type GraphNodeSnapshot = { id: string; label: string; status: string };

/** Every node on the canvas: its id, its spoken name (includes the status) and its status line. */
export async function graphSnapshot(page: Page): Promise<GraphNodeSnapshot[]> {
  return page.locator("[data-node-button]").evaluateAll((buttons) =>
    buttons.map((b) => ({
      id: b.getAttribute("data-node-button") ?? "",
      label: b.getAttribute("aria-label") ?? "",
      status: b.querySelector('[data-testid="node-status"]')?.textContent?.trim() ?? "",
    })),
  );
}

const FINAL_TASK_LABELS = ["Succeeded", "Partial", "Failed", "Canceled", "Skipped"];
const FINAL_RUN_LABELS = ["Succeeded", "Partial", "Failed", "Canceled"];

/** Waits until the page (without reloading) shows the run over: every task final, the bar full or the run stopped. */
export async function waitForRunToFinish(page: Page): Promise<void> {
  await expect(progressCard(page).getByText(new RegExp(`^(${FINAL_RUN_LABELS.join("|")})$`))).toBeVisible({ timeout: RUN_TIMEOUT });
  // The Cancel button is there exactly while the run is going.
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
}

/** Every task node on the canvas shows a final status. */
export async function expectAllTasksFinal(page: Page): Promise<void> {
  const statuses = await taskNodeButtons(page).locator('[data-testid="node-status"]').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(FINAL_TASK_LABELS).toContain(s.trim());
}

/** Task progress as the bar says it: `done of total`. */
export async function progressCounts(page: Page): Promise<{ done: number; total: number }> {
  const text = (await progressBar(page).getAttribute("aria-valuetext")) ?? "";
  const m = /^(\d+) of (\d+) tasks finished$/.exec(text);
  if (!m) throw new Error(`unexpected progress text: ${text}`);
  return { done: Number(m[1]), total: Number(m[2]) };
}

/** Collapses whitespace: the engine matches quotes ignoring it, and the DOM may wrap differently. */
export const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

/**
 * Clicks a citation button and checks the document viewer marks exactly that passage and has
 * scrolled it into view. Returns the quote shown on the button.
 */
export async function expectCitationHighlights(page: Page, citation: Locator): Promise<string> {
  const shown = squash((await citation.locator("span.italic").textContent()) ?? "");
  expect(shown.length).toBeGreaterThan(0);
  const truncated = shown.endsWith("…");
  const quote = truncated ? shown.slice(0, -1).trimEnd() : shown;
  await citation.click();
  const marks = documentText(page).locator("mark");
  await expect(marks.first()).toBeVisible();
  const marked = squash((await marks.allTextContents()).join(" "));
  if (truncated) expect(marked.startsWith(quote), `marked "${marked}" should start with "${quote}"`).toBe(true);
  else expect(marked).toBe(quote);
  // Scrolled (smoothly) into the viewer's view.
  await expect(marks.first()).toBeInViewport();
  return quote;
}

/** The run's row in the history table (found by its link), or an empty locator. */
export const historyRow = (page: Page, runId: string): Locator => page.locator("tbody tr", { has: page.locator(`a[href="/runs/${runId}"]`) });

/** The total the history's pagination line states ("1–3 of 3 runs" / "No runs"). */
export async function historyTotal(page: Page, query = ""): Promise<number> {
  await page.goto(`/runs${query}`);
  const line = page.getByRole("navigation", { name: "Pagination" }).locator("p");
  const text = ((await line.textContent()) ?? "").trim();
  if (text === "No runs") return 0;
  const m = /of (\d+) runs?$/.exec(text);
  if (!m) throw new Error(`unexpected pagination text: ${text}`);
  return Number(m[1]);
}

/** A file to upload under a name no other test uses, so history searches find only this test's runs. */
export function uniqueUpload(content: Buffer, stem: string, extension: string, mimeType: string) {
  const name = `${stem}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.${extension}`;
  return { name, mimeType, buffer: content };
}

/** Task nodes whose status line says `label`. */
export const taskNodesWithStatus = (page: Page, label: string): Locator =>
  taskNodeButtons(page).filter({ has: page.getByTestId("node-status").getByText(label, { exact: true }) });

/**
 * On a live run page: waits until a task has succeeded while the run still goes (so there is
 * something to keep), then cancels the run and waits for the page to say so.
 */
export async function cancelOnceATaskHasSucceeded(page: Page): Promise<void> {
  const cancel = page.getByRole("button", { name: "Cancel run" });
  await expect(cancel).toBeVisible();
  await expect(taskNodesWithStatus(page, "Succeeded").first()).toBeVisible({ timeout: 15_000 });
  await cancel.click();
  await expect(page.getByRole("status").filter({ hasText: "The run was canceled" })).toBeVisible({ timeout: 15_000 });
  await expect(cancel).toHaveCount(0);
}
