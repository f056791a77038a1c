import { expect, test, type Locator, type Page } from "@playwright/test";
import type { PlanTask } from "../../lib/engine/plan";
import { expectWellFormedLog, readEventLog } from "./support/event-log";
import { fixture, runIdOf, waitForRunToFinish } from "./support/run-page";

// A phone: 390 px wide, touch input. The panel is the phone's editor (no Delete key, handles too
// small to drag with a finger); the graph below it shows every edit.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

type Detail = { status: string; plan: { tasks: PlanTask[] } };

async function detail(page: Page, runId: string): Promise<Detail> {
  const res = await page.request.get(`/api/runs/${runId}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as Detail;
}

/** WCAG 2.2's minimum target size (2.5.8): a finger must be able to hit it. */
async function expectTappable(target: Locator): Promise<void> {
  const box = await target.boundingBox();
  expect(box, "the control is laid out").not.toBeNull();
  expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(24);
}

/** Whether a node the validator faults lies wholly inside the graph's box (what the person can see). */
async function faultyNodeInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="run-graph"]')?.getBoundingClientRect();
    if (!box) return false;
    return [...document.querySelectorAll(".react-flow__node")].some((node) => {
      if (!node.querySelector("[data-node-issue]")) return false;
      const r = node.getBoundingClientRect();
      return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
    });
  });
}

test("on a phone, a person edits the plan — removes a dependency, adds a task, is refused a cycle — and runs it", async ({ page, request }) => {
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles(fixture("report.md"));
  await page.getByLabel(/Review the plan first/).check();
  await page.getByRole("button", { name: "Start analysis" }).tap();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = runIdOf(page);

  const card = page.getByRole("region", { name: /Review the plan before it runs/ });
  await expect(card).toBeVisible({ timeout: 30_000 });
  const { plan } = await detail(page, runId);
  const dependent = plan.tasks.find((t) => t.dependsOn.length > 0);
  if (!dependent) throw new Error("the plan has no dependency to delete");
  const dependency = dependent.dependsOn[0] as string;
  const first = plan.tasks[0] as PlanTask;
  const edge = (from: string, to: string) => page.locator(`[data-edge-id="task:${from}->task:${to}"]`);
  const node = (taskId: string) => page.locator(`.react-flow__node[data-id="task:${taskId}"]`);
  const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  // Remove a dependency with its ×: gone from the panel and from the graph.
  const removeDependency = card.getByRole("button", { name: `Remove dependency ${dependency} → ${dependent.id}` });
  await expectTappable(removeDependency);
  await expectTappable(card.getByRole("button", { name: `Remove task ${first.id}` }));
  await expect(edge(dependency, dependent.id)).toHaveCount(1);
  await removeDependency.tap();
  await expect(removeDependency).toHaveCount(0);
  await expect(edge(dependency, dependent.id)).toHaveCount(0);

  // Add a task: its description takes the focus, so the keyboard opens on it. Its id comes from
  // its worker ("summarizer-2": the plan has a summarizer) and follows a change of worker.
  await card.getByRole("button", { name: "Add a task" }).tap();
  const description = card.getByLabel("Description of summarizer-2");
  await expect(description).toBeFocused();
  await description.fill("Check every date the report gives");
  await card.getByLabel("Worker of summarizer-2").selectOption("key-facts");
  const id = card.getByLabel("Id of key-facts");
  await expect(id).toHaveValue("key-facts");
  await expectTappable(id);
  // The id is the person's to choose: a taken one is refused on the spot, a malformed one by the validator.
  await id.fill(first.id);
  await id.press("Enter");
  await expect(card.getByRole("alert").filter({ hasText: `“${first.id}” is already the id of another task.` })).toBeVisible();
  await expect(id).toHaveValue("key-facts");
  await id.fill("my dates");
  await id.press("Enter");
  await expect(card.locator('[data-edit-task="my dates"]').getByRole("alert")).toContainText('task id "my dates": use letters, digits');
  await expect(card.getByRole("button", { name: "Run this plan" })).toBeDisabled();
  await card.getByLabel("Id of my dates").fill("dates-check");
  await card.getByLabel("Id of my dates").press("Enter");
  const added = "dates-check";
  await expect(card.getByLabel(`Id of ${added}`)).toHaveValue(added);
  await card.getByLabel(`Add a dependency to ${added}`).selectOption(first.id);
  await expect(node(added)).toHaveCount(1);
  await expect(edge(first.id, added)).toHaveCount(1);

  // A cycle: the first task waits for the new one. Refused on the task and on its graph node; the plan cannot run.
  await card.getByLabel(`Add a dependency to ${first.id}`).selectOption(added);
  await expect(card.locator(`[data-edit-task="${first.id}"]`).getByRole("alert")).toContainText(/dependency cycle/);
  await expect(page.locator(`[data-node-issue="task:${first.id}"]`)).toContainText("dependency cycle");
  await expect(card.getByRole("button", { name: "Run this plan" })).toBeDisabled();
  expect(await noSideScroll()).toBe(true);
  // The graph pans to a faulty node: on a phone the drawing is wider than the screen.
  await expect.poll(() => faultyNodeInView(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("review-phone-cycle.png"), fullPage: true });
  await card.getByRole("button", { name: `Remove dependency ${added} → ${first.id}` }).tap();
  await expect(card.getByRole("alert")).toHaveCount(0);
  expect(await noSideScroll()).toBe(true);

  await card.getByRole("button", { name: "Run this plan" }).tap();
  await expect(card).toHaveCount(0, { timeout: 15_000 });
  await waitForRunToFinish(page);

  const log = await readEventLog(request, runId);
  expectWellFormedLog(log);
  const edit = log.find((e) => e.type === "plan-edit");
  if (edit?.type !== "plan-edit") throw new Error("no plan-edit in the log");
  expect(edit.plan.tasks.find((t) => t.id === dependent.id)?.dependsOn).not.toContain(dependency);
  expect(edit.plan.tasks.find((t) => t.id === added)).toMatchObject({ worker: "key-facts", description: "Check every date the report gives", dependsOn: [first.id] });
  expect(edit.plan.tasks.find((t) => t.id === first.id)?.dependsOn).toEqual(first.dependsOn);
  const started = new Set(log.flatMap((e) => (e.type === "task-start" ? [e.taskId] : [])));
  expect(started).toEqual(new Set(edit.plan.tasks.map((t) => t.id)));
});
