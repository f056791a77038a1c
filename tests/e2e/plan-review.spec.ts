import { expect, test, type Page } from "@playwright/test";
import type { PlanTask } from "../../lib/engine/plan";
import { expectWellFormedLog, readEventLog, waitForEvents } from "./support/event-log";
import { clickEdge } from "./support/graph-probe";
import { fixture, historyRow, runIdOf, startRunFromForm, waitForRunToFinish } from "./support/run-page";
import { describePlanChanges } from "../../lib/compare/describe-plan-changes";

type Detail = { status: string; plan: { tasks: PlanTask[] } };

async function detail(page: Page, runId: string): Promise<Detail> {
  const res = await page.request.get(`/api/runs/${runId}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as Detail;
}

test("a person edits the plan before it runs, runs it, and compares it with a run without review", async ({ page, request }) => {
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles(fixture("report.md"));
  await page.getByLabel(/Review the plan first/).check();
  await page.getByRole("button", { name: "Start analysis" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const reviewed = runIdOf(page);

  const card = page.getByRole("region", { name: /Review the plan before it runs/ });
  await expect(card).toBeVisible({ timeout: 30_000 });
  const { plan } = await detail(page, reviewed);
  const dependent = plan.tasks.find((t) => t.dependsOn.length > 0);
  if (!dependent) throw new Error("the plan has no dependency to delete");
  const dependency = dependent.dependsOn[0] as string;
  const first = plan.tasks[0] as PlanTask;

  const node = (taskId: string) => page.locator(`.react-flow__node[data-id="task:${taskId}"]`);

  // Change a description (in the panel).
  await card.getByLabel(`Description of ${first.id}`).fill("Only the figures and where they come from");
  // Delete a dependency on the graph: select its edge, press Delete.
  await clickEdge(page, `task:${dependency}->task:${dependent.id}`);
  await page.keyboard.press("Delete");
  await expect(card.getByRole("button", { name: `Remove dependency ${dependency} → ${dependent.id}` })).toHaveCount(0);
  // Add a task that runs after the first one.
  // A new task's id comes from its worker ("summarizer-2": the plan has a summarizer) and follows it.
  await card.getByRole("button", { name: "Add a task" }).click();
  await expect(card.getByLabel("Id of summarizer-2")).toHaveValue("summarizer-2");
  await card.getByLabel("Description of summarizer-2").fill("Check every date the report gives");
  await card.getByLabel("Worker of summarizer-2").selectOption("key-facts");
  const added = "key-facts";
  await expect(card.getByLabel(`Id of ${added}`)).toHaveValue(added);
  await card.getByLabel(`Add a dependency to ${added}`).selectOption(first.id);
  await expect(node(added)).toBeVisible();
  // Try to create a cycle on the graph: drag from the new task to the first one. Refused, with the reason.
  // The graph shows its text at full size and pans; fit it so both tasks are on screen for the drag.
  await page.locator(".react-flow__controls-fitview").click();
  await node(added).locator(".react-flow__handle.source").dragTo(node(first.id).locator(".react-flow__handle.target"));
  await expect(page.getByRole("alert").filter({ hasText: "would make a dependency cycle" })).toBeVisible();
  await expect(card.getByRole("button", { name: `Remove dependency ${added} → ${first.id}` })).toHaveCount(0);
  // The same cycle typed in the panel: shown on the node and the task, and the plan cannot run.
  await card.getByLabel(`Add a dependency to ${first.id}`).selectOption(added);
  await expect(card.locator(`[data-edit-task="${first.id}"]`).getByRole("alert")).toContainText(/dependency cycle/);
  await expect(page.locator(`[data-node-issue="task:${first.id}"]`)).toContainText("dependency cycle");
  await expect(card.getByRole("button", { name: "Run this plan" })).toBeDisabled();
  await card.getByRole("button", { name: `Remove dependency ${added} → ${first.id}` }).click();
  await expect(card.getByRole("alert")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("review-edited.png"), fullPage: true });

  await card.getByRole("button", { name: "Run this plan" }).click();
  await expect(card).toHaveCount(0, { timeout: 15_000 });
  await waitForRunToFinish(page);

  const log = await readEventLog(request, reviewed);
  expectWellFormedLog(log);
  const edit = log.find((e) => e.type === "plan-edit");
  if (edit?.type !== "plan-edit") throw new Error("no plan-edit in the log");
  expect(edit.by).toBe("web");
  expect(edit.plan.tasks.find((t) => t.id === first.id)?.description).toBe("Only the figures and where they come from");
  expect(edit.plan.tasks.find((t) => t.id === dependent.id)?.dependsOn).not.toContain(dependency);
  expect(edit.plan.tasks.find((t) => t.id === added)).toMatchObject({ worker: "key-facts", dependsOn: [first.id] });
  const started = new Set(log.flatMap((e) => (e.type === "task-start" ? [e.taskId] : [])));
  expect(started).toEqual(new Set(edit.plan.tasks.map((t) => t.id)));

  // The same document without review, then the two side by side from the history.
  const plain = await startRunFromForm(page, { file: fixture("report.md") });
  await waitForRunToFinish(page);
  await page.goto(`/runs?compare=${reviewed}`);
  await expect(historyRow(page, reviewed).getByRole("checkbox")).toBeChecked();
  await historyRow(page, plain).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Compare selected runs" }).click();
  await page.waitForURL(/\/compare\?/);
  await expect(page.getByRole("heading", { name: "Same document" })).toBeVisible();
  const plans = page.getByRole("region", { name: "Plans" });
  await expect(plans.locator('[data-compare-task="only-a"], [data-compare-task="only-b"]')).toHaveCount(1); // the added task
  await expect(plans.getByText("Check every date the report gives")).toBeVisible();
  await expect(plans.getByText("Changed: description")).toBeVisible();
  await expect(page.getByRole("region", { name: "Findings" })).toBeVisible();
});

test("re-plan with a note, then discard: the run ends canceled without running a task", async ({ page, request }) => {
  await page.goto("/");
  await page.getByLabel("…or paste text").fill("The Supplier shall deliver the goods within 30 days. The Customer shall pay within 60 days. Either party may terminate on 90 days' notice.");
  await page.getByLabel(/Review the plan first/).check();
  await page.getByRole("button", { name: "Start analysis" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = runIdOf(page);
  const card = page.getByRole("region", { name: /Review the plan before it runs/ });
  await expect(card).toBeVisible({ timeout: 30_000 });

  await card.getByRole("button", { name: "Re-plan…" }).click();
  await card.getByLabel("What should the new plan change?").fill("Focus on the risks");
  await card.getByRole("button", { name: "Ask the orchestrator again" }).click();
  // The orchestrator plans again and the run waits for approval once more. "Awaiting approval" was
  // on screen before the click too, so wait for the second plan in the log, not for the label.
  const planned = await waitForEvents(new URL(page.url()).origin, runId, (events) => events.filter((e) => e.type === "plan-end").length === 2);
  await expect(page.getByText("Awaiting approval", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(card).toBeVisible();
  // The new plan says which note it answers, and what changed from the plan before it.
  await expect(card.getByTestId("replan-note")).toContainText("Planned again with your note: “Focus on the risks”");
  const [first, second] = planned.flatMap((e) => (e.type === "plan-end" ? [e.plan.tasks] : []));
  const changes = describePlanChanges(first ?? [], second ?? []);
  expect(changes).not.toBe("The new plan has the same tasks as the one before."); // the offline planner acts on this note
  await expect(card.getByTestId("replan-changes")).toHaveText(changes);

  await card.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByText("Canceled", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(card).toHaveCount(0);

  const log = await readEventLog(request, runId);
  expectWellFormedLog(log);
  expect(log.map((e) => e.type).filter((t) => t !== "plan-delta")).toEqual(["run-start", "plan-end", "plan-replan", "plan-end", "run-cancel"]);
  expect(log.find((e) => e.type === "plan-replan")).toMatchObject({ note: "Focus on the risks", by: "web" });
  // The offline planner answers the note: the second plan's analysis says what it changed.
  const plans = log.flatMap((e) => (e.type === "plan-end" ? [e.plan] : []));
  expect(plans[1]?.analysis).toContain("In answer to your note “Focus on the risks”:");
});
