import { describe, expect, it } from "vitest";
import { validatePlan } from "@/lib/engine/validate-plan";
import type { PlanTask } from "@/lib/engine/plan";

const t = (id: string, dependsOn: string[] = [], worker = "summarizer"): PlanTask => ({
  id, worker, description: `do ${id}`, focus: "", dependsOn, priority: "medium",
});
const plan = (tasks: PlanTask[]) => ({ analysis: "a", mode: "orchestrate", tasks });
const errorsOf = (raw: unknown, maxTasks = 8) => {
  const v = validatePlan(raw, { maxTasks });
  return v.ok ? [] : v.errors;
};

describe("validatePlan", () => {
  it("accepts a valid DAG", () => {
    const v = validatePlan(plan([t("a"), t("b", ["a"]), t("c", ["a", "b"], "reviewer")]), { maxTasks: 8 });
    expect(v.ok).toBe(true);
  });

  it("reports schema faults with their path", () => {
    expect(errorsOf({ analysis: "x", mode: "orchestrate", tasks: [{ id: "a" }] })[0]).toMatch(/^plan\.tasks\.0\.worker: /);
    expect(errorsOf("not a plan")[0]).toMatch(/^plan\.\(root\): /);
  });

  it("names an unknown worker", () => {
    expect(errorsOf(plan([t("a", [], "astrologer")]))).toEqual([
      expect.stringMatching(/^task "a": unknown worker "astrologer" \(known: key-facts, .*custom\)$/),
    ]);
  });

  it("names an unknown dependency", () => {
    expect(errorsOf(plan([t("a", ["ghost"])]))).toEqual(['task "a" depends on unknown task "ghost"']);
  });

  it("names a self-dependency", () => {
    expect(errorsOf(plan([t("a", ["a"])]))).toEqual(['task "a" depends on itself']);
  });

  it("names a duplicate id", () => {
    expect(errorsOf(plan([t("a"), t("a")]))).toEqual(['duplicate task id "a"']);
  });

  it("names the tasks of a cycle in order", () => {
    expect(errorsOf(plan([t("a", ["c"]), t("b", ["a"]), t("c", ["b"]), t("d")]))).toEqual([
      "dependency cycle: a → b → c → a",
    ]);
  });

  it("locates each fault on the tasks and dependency edges it concerns", () => {
    const result = validatePlan(plan([t("a", ["c"]), t("b", ["a"]), t("c", ["b"]), t("d", ["zz"])]), { maxTasks: 8 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { message: 'task "d" depends on unknown task "zz"', taskIds: ["d"], edges: [{ from: "zz", to: "d" }] },
      {
        message: "dependency cycle: a → b → c → a",
        taskIds: ["b", "c", "a"],
        edges: [
          { from: "a", to: "b" },
          { from: "b", to: "c" },
          { from: "c", to: "a" },
        ],
      },
    ]);
  });

  it("puts a schema fault on the task it is in", () => {
    const result = validatePlan({ analysis: "", mode: "orchestrate", tasks: [t("a"), { ...t("b"), description: "" }] }, { maxTasks: 8 });
    expect(result.ok ? [] : result.issues).toEqual([{ message: expect.stringMatching(/^plan\.tasks\.1\.description: /), taskIds: ["b"] }]);
  });

  it("enforces the task cap", () => {
    const tasks = Array.from({ length: 9 }, (_, i) => t(`t${i}`));
    expect(errorsOf(plan(tasks))).toEqual(["too many tasks: 9 planned, the cap is 8"]);
    expect(errorsOf(plan(tasks.slice(0, 3)), 2)).toEqual(["too many tasks: 3 planned, the cap is 2"]);
  });

  it("allows one custom task, not two", () => {
    expect(errorsOf(plan([t("a", [], "custom")]))).toEqual([]);
    expect(errorsOf(plan([t("a", [], "custom"), t("b", [], "custom")]))).toEqual([
      'at most one custom task is allowed; found 2: "a", "b"',
    ]);
  });

  it("checks direct mode", () => {
    expect(errorsOf({ analysis: "a", mode: "direct", directAnswer: "42", tasks: [] })).toEqual([]);
    expect(errorsOf({ analysis: "a", mode: "direct", tasks: [t("a")] })).toEqual([
      'mode "direct" needs a non-empty directAnswer',
      'mode "direct" must have no tasks; found 1',
    ]);
    expect(errorsOf(plan([]))).toEqual(['mode "orchestrate" needs at least one task']);
  });
});
