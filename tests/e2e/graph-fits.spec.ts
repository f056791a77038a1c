import { expect, test } from "@playwright/test";
import { fixture, startRunFromForm, waitForRunToFinish } from "./support/run-page";

test.use({ viewport: { width: 1366, height: 900 } });

test("on a laptop screen a usual plan is drawn left to right, every step whole inside the canvas and clear of the zoom buttons", async ({ page }) => {
  // Orchestrator → clause-analyzer → contract-risk → reviewer → synthesis: five layers.
  await startRunFromForm(page, { file: fixture("contract.txt"), request: "Find the risky clauses" });
  await waitForRunToFinish(page);
  const canvas = page.getByTestId("run-graph");
  await expect(canvas).toHaveAttribute("data-layout-direction", "RIGHT");
  const nodes = canvas.locator(".react-flow__node");
  await expect(nodes).toHaveCount(5);
  // The canvas settles to the drawing's height (shorter than its placeholder): then nothing is cut off.
  await expect(async () => {
    const box = await canvas.boundingBox();
    if (!box) throw new Error("no canvas");
    for (const node of await nodes.all()) {
      const r = await node.boundingBox();
      if (!r) throw new Error("a node has no box");
      expect(r.x).toBeGreaterThanOrEqual(box.x);
      expect(r.y).toBeGreaterThanOrEqual(box.y);
      expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width);
      expect(r.y + r.height).toBeLessThanOrEqual(box.y + box.height);
    }
  }).toPass();
  // …and the zoom buttons do not cover any of it.
  const controls = await canvas.locator(".react-flow__controls").boundingBox();
  if (!controls) throw new Error("no zoom buttons");
  for (const node of await nodes.all()) {
    const r = await node.boundingBox();
    if (!r) throw new Error("a node has no box");
    const overlaps = r.x < controls.x + controls.width && controls.x < r.x + r.width && r.y < controls.y + controls.height && controls.y < r.y + r.height;
    expect(overlaps, `${await node.getAttribute("data-id")} is under the zoom buttons`).toBe(false);
  }
});
