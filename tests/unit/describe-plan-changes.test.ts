import { describe, expect, it } from "vitest";
import { describePlanChanges } from "@/lib/compare/describe-plan-changes";
import type { PlanTask } from "@/lib/engine/plan";

const task = (id: string, worker: string, over: Partial<PlanTask> = {}): PlanTask => ({ id, worker, description: `Do ${worker}`, focus: "", dependsOn: [], priority: "medium", ...over });
const before = [task("key-facts", "key-facts"), task("contract-risk", "contract-risk"), task("summarizer", "summarizer")];

describe("what a re-plan changed", () => {
  it("names added and removed tasks and what changed in matched ones", () => {
    const after = [
      task("key-facts", "key-facts"),
      task("contract-risk", "contract-risk", { focus: "data protection first", priority: "high" }),
      task("review-2", "reviewer", { dependsOn: ["contract-risk"] }),
    ];
    expect(describePlanChanges(before, after)).toBe("Added review-2 (reviewer); removed summarizer; changed contract-risk: focus, priority.");
  });

  it("says so when the new plan is the same", () => {
    expect(describePlanChanges(before, before.map((t) => ({ ...t })))).toBe("The new plan has the same tasks as the one before.");
  });
});
