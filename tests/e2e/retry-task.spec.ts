import { expect, test } from "@playwright/test";
import { withDependents } from "../../lib/engine/schedule";
import { expectWellFormedLog, readEventLog, summarise } from "./support/event-log";
import { fixture, nodeButton, progressCard, startRunFromForm, waitForRunToFinish } from "./support/run-page";

test("re-running one task with an edited description re-runs it and its dependents, live, keeping the earlier round", async ({ page, request }) => {
  const runId = await startRunFromForm(page, { file: fixture("report.md") });
  await waitForRunToFinish(page);
  const before = summarise(await readEventLog(request, runId), runId);
  // A task that others depend on, so its dependents must run again too.
  const target = before.taskIds.find((id) => before.taskIds.some((other) => before.state.tasks[other]?.task.dependsOn.includes(id)));
  if (!target) throw new Error("the plan has no task with dependents");
  const expectedRerun = withDependents(before.state.plan?.tasks ?? [], target);
  expect(expectedRerun.length).toBeGreaterThan(1);

  await nodeButton(page, `task:${target}`).click();
  const panel = page.locator("#node-panel");
  await panel.getByRole("button", { name: "Re-run this task…" }).click();
  await panel.getByLabel(/Description for the new attempt/).fill("Check every figure twice.");
  await panel.getByRole("button", { name: "Re-run", exact: true }).click();

  // The live view follows the new round without a reload.
  await expect(nodeButton(page, `task:${target}`)).toContainText("attempt 2", { timeout: 30_000 });
  await waitForRunToFinish(page);
  await expect(progressCard(page).getByText("Succeeded", { exact: true })).toBeVisible();
  await expect(panel.getByText("Check every figure twice.", { exact: true })).toBeVisible();
  await expect(panel.getByRole("heading", { name: "Earlier rounds (1)" })).toBeVisible();

  const log = await readEventLog(request, runId);
  expectWellFormedLog(log);
  const reset = log.find((e) => e.type === "task-reset");
  expect(reset).toMatchObject({ edited: { taskId: target, description: "Check every figure twice." } });
  const afterReset = log.slice(log.indexOf(reset as (typeof log)[number]));
  const rerun = new Set(afterReset.flatMap((e) => (e.type === "task-start" ? [e.taskId] : [])));
  expect([...rerun].sort()).toEqual([...expectedRerun].sort());
  expect(afterReset.filter((e) => e.type === "synthesis-end")).toHaveLength(1);
});
