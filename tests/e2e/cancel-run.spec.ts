import { expect, test } from "@playwright/test";
import { expectWellFormedLog, readEventLog, summarise } from "./support/event-log";
import { startSecondServer, type SecondServer } from "./support/second-server";
import {
  cancelOnceATaskHasSucceeded,
  expectAllTasksFinal,
  expectCitationHighlights,
  fixture,
  graphSnapshot,
  historyRow,
  nodeButton,
  progressCard,
  reportSection,
  startRunFromForm,
  taskNodesWithStatus,
} from "./support/run-page";

/**
 * On a second server whose offline engine never answers contract-risk's first attempt until it is
 * aborted: the contract's other tasks succeed, the run is surely still going when Cancel is
 * clicked, whatever the machine's load.
 */
const OFFSET = 2;
test.use({ baseURL: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + OFFSET}` });

let server: SecondServer;
test.beforeAll(async () => {
  server = await startSecondServer({ FOREMAN_BACKEND: "offline", FOREMAN_OFFLINE_STALL_WORKERS: "contract-risk" }, OFFSET);
});
test.afterAll(() => server?.stop());

test("Cancel stops a running run: status Canceled, finished work stays visible", async ({ page, request }) => {
  const runId = await startRunFromForm(page, { file: fixture("contract.pdf") });
  await cancelOnceATaskHasSucceeded(page);

  await expect(page.getByRole("status").filter({ hasText: "The run was canceled" })).toContainText("Canceled by the user.");
  await expect(progressCard(page).getByText("Canceled", { exact: true })).toBeVisible();
  await expect(reportSection(page)).toContainText("The run was canceled before a report was written.");
  await expect(nodeButton(page, "synthesis")).toHaveAccessibleName(/^Synthesis .*Skipped/);

  // The log ends with the cancel; every task settled (done, failed while running, or never started).
  const log = await readEventLog(request, runId);
  expectWellFormedLog(log);
  expect(log.at(-1)?.type).toBe("run-cancel");
  expect(log.some((e) => e.type === "synthesis-end")).toBe(false);
  const summary = summarise(log, runId);
  expect(summary.state.status).toBe("canceled");
  await expectAllTasksFinal(page);
  const graph = await graphSnapshot(page);
  for (const id of summary.taskIds) expect(graph.find((n) => n.id === `task:${id}`)?.status, `task ${id}`).toBe(summary.taskLabels[id]);
  const succeeded = summary.taskIds.filter((id) => summary.taskLabels[id] === "Succeeded");
  expect(succeeded.length).toBeGreaterThan(0);
  expect(succeeded.length).toBeLessThan(summary.taskIds.length);
  // Cut short by the user, not broken: nothing is reported as failed.
  expect(summary.taskIds.filter((id) => summary.taskLabels[id] === "Failed")).toEqual([]);

  // A task that finished before the cancel still shows its output, findings and working citations.
  const withFindings = succeeded.find((id) => (summary.state.tasks[id]?.output?.findings.length ?? 0) > 0);
  if (!withFindings) throw new Error("no finished task with findings");
  const findings = summary.state.tasks[withFindings]?.output?.findings ?? [];
  await nodeButton(page, `task:${withFindings}`).click();
  const panel = page.locator("#node-panel");
  await expect(panel.getByRole("heading", { name: withFindings })).toBeVisible();
  await expect(panel.getByRole("heading", { name: `Findings (${findings.length})` })).toBeVisible();
  await expect(panel.locator("article")).toHaveCount(findings.length);
  const citation = panel.getByTitle("Show this passage in the document").first();
  if ((await citation.count()) > 0) await expectCitationHighlights(page, citation);

  // Stored that way: a reload shows the same canceled run, and so does the history.
  await page.reload();
  await expect(taskNodesWithStatus(page, "Succeeded")).toHaveCount(succeeded.length);
  expect(await graphSnapshot(page)).toEqual(graph);
  await expect(progressCard(page).getByText("Canceled", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await page.goto("/runs");
  await expect(historyRow(page, runId).locator("td").nth(3)).toHaveText("Canceled");
});
