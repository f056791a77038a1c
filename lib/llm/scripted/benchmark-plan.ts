import type { PlanInput } from "../../engine/model-port";
import type { Plan } from "../../engine/plan";

/**
 * The scripted backend's plan when the server runs with FOREMAN_BACKEND=scripted (benchmarks,
 * crash tests): a diamond of six tasks, so runs have parallel branches and a join.
 */
export function benchmarkPlan(input: PlanInput): Plan {
  const n = Math.min(6, input.maxTasks);
  const tasks = Array.from({ length: n }, (_, i) => ({
    id: `t${i + 1}`,
    worker: "summarizer",
    description: `Scripted task ${i + 1}`,
    focus: "",
    dependsOn: i === 0 ? [] : i === n - 1 ? Array.from({ length: n - 2 }, (_, j) => `t${j + 2}`) : ["t1"],
    priority: "medium" as const,
  }));
  // A re-plan at a person's request shows that their note reached the orchestrator.
  const analysis = input.revision ? `Scripted plan revised after the note: ${input.revision.note}` : "Scripted plan for benchmarks and tests.";
  return { analysis, mode: "orchestrate", tasks };
}
