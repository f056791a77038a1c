import { expect, test, type Page } from "@playwright/test";
import { toGraph } from "../../lib/graph";
import { reduceRun } from "../../lib/engine/reduce-run";
import { readEventLog } from "./support/event-log";
import { crosses, graphGeometry, graphSamples, sampleGraphEvery50ms, smallestNodeText } from "./support/graph-probe";
import { startSecondServer, type SecondServer } from "./support/second-server";
import { cancelOnceATaskHasSucceeded, progressCard, runIdOf, taskNodeButtons, waitForRunToFinish } from "./support/run-page";

/**
 * The graph under the scripted backend on a second server: plans of up to 20 tasks, and every
 * task streams 150 deltas in bursts of 30 (the case that used to drop edges).
 */
const OFFSET = 1;
test.use({ baseURL: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + OFFSET}` });

let server: SecondServer;
test.beforeAll(async () => {
  server = await startSecondServer(
    {
      FOREMAN_BACKEND: "scripted",
      FOREMAN_SCRIPTED_TASKS: "20",
      FOREMAN_SCRIPTED_DELTAS: "150",
      FOREMAN_SCRIPTED_BURST: "30",
      FOREMAN_SCRIPTED_LATENCY_MS: "2500",
    },
    OFFSET,
  );
});
test.afterAll(() => server?.stop());

async function startScriptedRun(page: Page, maxTasks: number): Promise<string> {
  await page.goto("/");
  await page.getByLabel("…or paste text").fill("A short document for the scripted backend. It is never read.");
  await page.getByText("Budget for this run").click();
  await page.getByLabel("Max tasks").fill(String(maxTasks));
  await page.getByRole("button", { name: "Start analysis" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  return runIdOf(page);
}

test("the live graph never loses an edge through hundreds of streamed deltas", async ({ page, request }) => {
  await sampleGraphEvery50ms(page);
  const runId = await startScriptedRun(page, 6);
  await waitForRunToFinish(page);
  const samples = await graphSamples(page);
  const log = await readEventLog(request, runId);
  const deltas = log.filter((e) => e.type === "task-delta").length;
  expect(deltas).toBeGreaterThanOrEqual(6 * 150);

  const expected = toGraph(reduceRun(log), { now: Date.now() }).edges.length;
  const planned = reduceRun(log).plan?.tasks ?? [];
  const dependencies = planned.reduce((n, t) => n + t.dependsOn.length, 0);
  expect(expected).toBeGreaterThan(dependencies); // plan edges plus orchestrator and synthesis links
  const fromPlan = samples.findIndex((s) => s.tasks === planned.length);
  expect(fromPlan, "the task nodes appeared").toBeGreaterThanOrEqual(0);
  const after = samples.slice(fromPlan);
  // The sampler watched the live part of the run, not only its end.
  expect(after.filter((s) => s.live).length).toBeGreaterThanOrEqual(10);
  const fewest = Math.min(...after.map((s) => s.edges));
  console.log(`edges: ${after.length} samples after the plan (${after.filter((s) => s.live).length} live), fewest ${fewest}, expected ${expected}, ${deltas} task deltas`);
  expect(fewest).toBe(expected);
  expect(after.at(-1)?.edges).toBe(expected);
});

for (const tasks of [5, 12, 20]) {
  test(`a ${tasks}-task plan is readable: text at least 11 px, edges routed around nodes`, async ({ page }) => {
    await startScriptedRun(page, tasks);
    await expect(taskNodeButtons(page)).toHaveCount(tasks, { timeout: 15_000 });
    const smallest = await smallestNodeText(page);
    console.log(`${tasks} tasks: smallest text ${smallest.px.toFixed(1)} px at zoom ${smallest.zoom} ("${smallest.text}")`);
    expect(smallest.px).toBeGreaterThanOrEqual(11);

    const { nodes, edges } = await graphGeometry(page);
    expect(edges.length).toBeGreaterThanOrEqual(tasks);
    for (const edge of edges) {
      expect(edge.points.length, edge.id).toBeGreaterThanOrEqual(2);
      for (const node of nodes) {
        if (node.id === edge.source || node.id === edge.target) continue;
        for (let i = 1; i < edge.points.length; i++) {
          const [p, q] = [edge.points[i - 1], edge.points[i]];
          if (p && q) expect(crosses(p, q, node), `${edge.id} crosses ${node.id}`).toBe(false);
        }
      }
    }
    // Every node keeps its full names one hover away.
    await expect(taskNodeButtons(page).first()).toHaveAttribute("title", /Scripted task \d+/);
    await waitForRunToFinish(page);
  });
}

test("edge style follows the work: live edges are thick and animated, finished ones muted", async ({ page }) => {
  await startScriptedRun(page, 6);
  const live = page.locator('[data-edge-state="live"] .run-edge-line').first();
  await expect(live).toBeAttached({ timeout: 15_000 });
  const liveStyle = await live.evaluate((el) => {
    const s = getComputedStyle(el);
    return { width: s.strokeWidth, animation: s.animationName, dash: s.strokeDasharray, stroke: s.stroke };
  });
  expect(liveStyle).toMatchObject({ width: "2.5px", animation: "run-edge-flow", dash: "8px, 4px", stroke: "rgb(37, 99, 235)" });
  await waitForRunToFinish(page);
  const done = page.locator('[data-edge-state="done"] .run-edge-line').first();
  const doneStyle = await done.evaluate((el) => {
    const s = getComputedStyle(el);
    return { width: s.strokeWidth, animation: s.animationName, stroke: s.stroke };
  });
  expect(doneStyle).toEqual({ width: "1.5px", animation: "none", stroke: "rgb(100, 116, 139)" });
});

test("a canceled run counts tasks by outcome, says so in the tab title, and fades edges into tasks that never ran", async ({ page, request }) => {
  const runId = await startScriptedRun(page, 6);
  await expect(page).toHaveTitle(/^(Planning|Running) · /);
  await cancelOnceATaskHasSucceeded(page);
  await expect(page).toHaveTitle(/^Canceled · .* · Foreman$/);
  await expect(progressCard(page).getByText("Canceled", { exact: true })).toBeVisible();

  const state = reduceRun(await readEventLog(request, runId));
  const count = (...statuses: string[]) => state.taskOrder.filter((id) => statuses.includes(state.tasks[id]?.status ?? "")).length;
  expect(count("canceled", "skipped")).toBeGreaterThan(0);
  const parts = [`${count("succeeded", "partial")} done`];
  if (count("failed")) parts.push(`${count("failed")} failed`);
  if (count("canceled")) parts.push(`${count("canceled")} canceled`);
  if (count("skipped")) parts.push(`${count("skipped")} skipped`);
  await expect(page.getByTestId("task-counts")).toContainText(`${parts.join(" · ")} of ${state.taskOrder.length}`);

  const dead = page.locator('[data-edge-state="dead"]').first();
  await expect(dead).toBeAttached();
  const style = await dead.evaluate((g) => {
    const line = g.querySelector(".run-edge-line");
    return { opacity: getComputedStyle(g).opacity, dash: line ? getComputedStyle(line).strokeDasharray : "" };
  });
  expect(style).toEqual({ opacity: "0.55", dash: "4px, 4px" });
});
