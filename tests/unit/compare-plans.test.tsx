// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ComparePlans } from "@/components/compare/compare-plans";
import { comparePlans } from "@/lib/compare/match-plans";
import type { PlanTask } from "@/lib/engine/plan";

afterEach(() => cleanup());

const task = (id: string, worker: string, description: string): PlanTask => ({ id, worker, description, focus: "", dependsOn: [], priority: "medium" });

describe("the compared plans", () => {
  it("marks each task with its run, since on a phone the two columns stack, and counts in words", () => {
    const a = [task("risk", "contract-risk", "Assess the risks."), task("facts", "key-facts", "List the facts.")];
    const b = [task("risk", "contract-risk", "Assess the risks.")];
    const { container } = render(<ComparePlans plans={comparePlans(a, b)} />);
    expect(container.textContent).toContain("1 task in both · 1 only in A · 0 only in B");
    const both = container.querySelector('[data-compare-task="both"]');
    expect(both?.textContent).toMatch(/^Arisk.*Brisk/);
    expect(container.querySelector('[data-compare-task="only-a"]')?.textContent).toMatch(/^Afacts/);
  });
});
