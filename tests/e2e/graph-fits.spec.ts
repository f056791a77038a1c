import { expect, test, type Locator } from "@playwright/test";
import { fixture, startRunFromForm, waitForRunToFinish } from "./support/run-page";

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("no box");
  return box;
}

/** Every node whole inside the canvas (once it settles to the drawing's height), none under the zoom buttons or the attribution. */
async function expectWholeAndUncovered(canvas: Locator, count: number) {
  const nodes = canvas.locator(".react-flow__node");
  await expect(nodes).toHaveCount(count);
  await expect(async () => {
    const box = await boxOf(canvas);
    for (const node of await nodes.all()) {
      const r = await boxOf(node);
      expect(r.x).toBeGreaterThanOrEqual(box.x);
      expect(r.y).toBeGreaterThanOrEqual(box.y);
      expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width);
      expect(r.y + r.height).toBeLessThanOrEqual(box.y + box.height);
    }
  }).toPass();
  await expectNothingCovered(canvas);
}

/** None of `overlays` (by default the zoom buttons and React Flow's attribution) lies over a node. */
async function expectNothingCovered(canvas: Locator, overlays = [".react-flow__controls", ".react-flow__attribution"]) {
  const covers = await Promise.all(overlays.map((selector) => boxOf(canvas.locator(selector))));
  for (const node of await canvas.locator(".react-flow__node").all()) {
    const r = await boxOf(node);
    for (const cover of covers) expect(overlaps(r, cover), `${await node.getAttribute("data-id")} is covered`).toBe(false);
  }
}

test.describe("on a laptop screen", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test("a usual plan is drawn left to right, every step whole inside the canvas and clear of the zoom buttons", async ({ page }) => {
    // Orchestrator → clause-analyzer → contract-risk → reviewer → synthesis: five layers.
    await startRunFromForm(page, { file: fixture("contract.txt"), request: "Find the risky clauses" });
    await waitForRunToFinish(page);
    const canvas = page.getByTestId("run-graph");
    await expect(canvas).toHaveAttribute("data-layout-direction", "RIGHT");
    await expectWholeAndUncovered(canvas, 5);
  });

  for (const width of [1366, 1440]) {
    test(`at ${width} px a plan whose tasks skip layers is drawn left to right too, whole inside the canvas`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      // The offline plan for this contract: key facts and a summary beside clause → risk → reviewer, all into the synthesis.
      await startRunFromForm(page, { file: fixture("shared-cases/rich-contract.docx") });
      await waitForRunToFinish(page);
      const canvas = page.getByTestId("run-graph");
      await expect(canvas).toHaveAttribute("data-layout-direction", "RIGHT");
      await expectWholeAndUncovered(canvas, 7);
    });
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const [name, input, count] of [
    ["a usual plan", { file: fixture("contract.txt"), request: "Find the risky clauses" }, 5],
    ["a plan whose tasks skip layers", { file: fixture("shared-cases/rich-contract.docx") }, 7],
  ] as const) {
    test(`${name} is drawn top to bottom and React Flow's attribution covers no step`, async ({ page }) => {
      await startRunFromForm(page, input);
      await waitForRunToFinish(page);
      const canvas = page.getByTestId("run-graph");
      await expect(canvas).toHaveAttribute("data-layout-direction", "DOWN");
      await expect(canvas.locator(".react-flow__node")).toHaveCount(count);
      await expect(canvas.locator(".react-flow__attribution")).toBeVisible();
      // The zoom buttons may lie over a drawing taller than the canvas (it pans); the attribution never does.
      await expectNothingCovered(canvas, [".react-flow__attribution"]);
    });
  }
});
