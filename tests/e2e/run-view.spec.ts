import { expect, test } from "@playwright/test";
import { readEventLog, summarise } from "./support/event-log";
import { fixture, nodeButton, progressCard, startRunFromForm, taskNodeButtons, waitForRunToFinish } from "./support/run-page";

test.use({ timezoneId: "America/New_York" });

test("timeline, replay and the inspector show what happened, when, and what each worker was given", async ({ page, request }) => {
  const runId = await startRunFromForm(page, { file: fixture("report.md") });
  await waitForRunToFinish(page);
  await expect(page).toHaveTitle(/^(Succeeded|Partial) · /);
  const log = await readEventLog(request, runId);
  const { state } = summarise(log, runId);
  // Offline runs meter nothing: no "0 tok" or "$0" figures.
  await expect(progressCard(page)).not.toContainText("Tokens");
  await expect(taskNodeButtons(page).first()).not.toContainText("tok");

  // Times are in the browser's time zone, not UTC.
  const started = page.locator("header time").first();
  const iso = (await started.getAttribute("datetime")) ?? "";
  const expected = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York" }).format(Date.parse(iso));
  await expect(started).toHaveText(expected);

  // Inspector: a task with dependencies shows its instructions and the outputs it received.
  const dependent = state.taskOrder.find((id) => (state.tasks[id]?.task.dependsOn.length ?? 0) > 0);
  if (!dependent) throw new Error("the plan has no task with dependencies");
  const start = log.find((e) => e.type === "task-start" && e.taskId === dependent);
  if (start?.type !== "task-start" || !start.inputs) throw new Error("the task-start event carries no inputs");
  await nodeButton(page, `task:${dependent}`).click();
  const panel = page.locator("#node-panel");
  const inputs = panel.getByTestId("step-inputs").first();
  await expect(inputs).toContainText(start.inputs.model);
  await inputs.getByText(/^Instructions sent/).click();
  await expect(inputs.getByTestId("step-prompt")).toHaveText(start.inputs.prompt ?? "");
  const deps = inputs.getByTestId("step-dependency");
  await expect(deps).toHaveCount(state.tasks[dependent]?.task.dependsOn.length ?? -1);
  const firstDep = start.inputs.dependencies?.[0];
  if (!firstDep) throw new Error("no dependency recorded");
  await deps.first().locator("summary").click();
  await expect(deps.first().locator("pre")).toHaveText(firstDep.result ?? `Not available: ${firstDep.reason ?? firstDep.status}`);

  // Timeline: a row per step, a bar per attempt.
  await page.getByRole("tab", { name: "Timeline" }).click();
  const timeline = page.getByTestId("run-timeline");
  await expect(timeline.locator("[data-timeline-row]")).toHaveCount(state.taskOrder.length + 2);
  for (const id of state.taskOrder) {
    await expect(timeline.locator(`[data-timeline-row="${id}"] [data-span="attempt"]`)).toHaveCount(state.tasks[id]?.attempts.length ?? -1);
  }
  await expect(timeline.locator('[data-timeline-row][data-critical="true"]').first()).toBeVisible();
  await expect(timeline.getByTestId("timeline-now")).toHaveCount(0); // the run is over

  // Replay: back to the start, every task pending; then to the end again.
  await page.getByRole("tab", { name: "Graph" }).click();
  const slider = page.getByRole("slider", { name: "Replay position" });
  await slider.fill("0");
  await expect(page.getByTestId("replay-bar").getByRole("status")).toHaveText("Replaying");
  await expect(progressCard(page).getByText("Planning", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "16×" }).click();
  await page.getByRole("button", { name: "Play replay" }).click();
  await expect(taskNodeButtons(page).first()).toBeVisible();
  // Playback runs to the end of the run by itself and stops there.
  await expect(page.getByRole("button", { name: "Play replay" })).toBeVisible({ timeout: 30_000 });
  await expect(progressCard(page).getByText(/^(Succeeded|Partial)$/)).toBeVisible();
  await page.getByRole("button", { name: "Show end" }).click();
  await expect(page.getByTestId("replay-bar").getByRole("status")).toHaveCount(0);
});
