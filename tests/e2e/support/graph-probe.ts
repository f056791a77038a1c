import type { Page } from "@playwright/test";

/** What the canvas shows at one moment: rendered edges and task nodes, and whether the run was still going. */
export type GraphSample = { edges: number; tasks: number; live: boolean };

/**
 * Installs (before any page script) a sampler that counts the rendered edges and task nodes
 * every 50 ms into `window.__graphSamples`, on every page the tab opens.
 */
export async function sampleGraphEvery50ms(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __graphSamples: { edges: number; tasks: number; live: boolean }[] };
    w.__graphSamples = [];
    window.setInterval(() => {
      w.__graphSamples.push({
        edges: document.querySelectorAll(".react-flow__edge [data-edge-id]").length,
        tasks: document.querySelectorAll('[data-node-button^="task:"]').length,
        // The Cancel button is there exactly while the run goes.
        live: [...document.querySelectorAll("button")].some((b) => b.textContent === "Cancel run"),
      });
    }, 50);
  });
}

export async function graphSamples(page: Page): Promise<GraphSample[]> {
  return page.evaluate(() => (window as unknown as { __graphSamples: GraphSample[] }).__graphSamples);
}

type Box = { id: string; x: number; y: number; w: number; h: number };
export type EdgeGeometry = { id: string; source: string; target: string; points: { x: number; y: number }[] };

/**
 * Node boxes and edge polylines in flow coordinates, read from the DOM: node transforms and
 * sizes, and the corner points of each edge path (the `Q` control points are the route's corners).
 */
export async function graphGeometry(page: Page): Promise<{ nodes: Box[]; edges: EdgeGeometry[] }> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll<HTMLElement>(".react-flow__node")].map((el) => {
      const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform);
      return { id: el.dataset.id ?? "", x: Number(m?.[1]), y: Number(m?.[2]), w: el.offsetWidth, h: el.offsetHeight };
    });
    const edges = [...document.querySelectorAll<SVGGElement>(".react-flow__edge [data-edge-id]")].map((g) => {
      const id = g.dataset.edgeId ?? "";
      const [source = "", target = ""] = id.split("->");
      const d = g.querySelector(".run-edge-line")?.getAttribute("d") ?? "";
      const nums = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      const points: { x: number; y: number }[] = [];
      for (let i = 0; i + 1 < nums.length; i += 2) points.push({ x: nums[i] as number, y: nums[i + 1] as number });
      return { id, source, target, points };
    });
    return { nodes, edges };
  });
}

/** Whether the segment p→q passes through the inside of box b (running along its border is fine). */
export function crosses(p: { x: number; y: number }, q: { x: number; y: number }, b: Box): boolean {
  const eps = 1;
  const [x0, x1, y0, y1] = [b.x + eps, b.x + b.w - eps, b.y + eps, b.y + b.h - eps];
  const steps = 64;
  for (let i = 0; i <= steps; i++) {
    const x = p.x + ((q.x - p.x) * i) / steps;
    const y = p.y + ((q.y - p.y) * i) / steps;
    if (x > x0 && x < x1 && y > y0 && y < y1) return true;
  }
  return false;
}

/**
 * The smallest text on the canvas as drawn on screen: each text-bearing element's computed
 * font size times the viewport's zoom (ignores screen-reader-only text).
 */
export async function smallestNodeText(page: Page): Promise<{ px: number; zoom: number; text: string }> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
    let smallest = { px: Infinity, zoom, text: "" };
    for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node *")) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "");
      if (!own || el.closest(".sr-only")) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
      if (px < smallest.px) smallest = { px, zoom, text: el.textContent ?? "" };
    }
    return smallest;
  });
}

/** Clicks an edge on its line (halfway along its route): a routed edge's box centre may be off the line. */
export async function clickEdge(page: Page, edgeId: string): Promise<void> {
  const line = page.locator(`[data-edge-id="${edgeId}"] .run-edge-line`);
  await line.scrollIntoViewIfNeeded();
  const point = await line.evaluate((el) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM();
    return m ? { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f } : null;
  });
  if (!point) throw new Error(`edge ${edgeId} is not drawn`);
  await page.mouse.click(point.x, point.y);
}
