import type { PlanInput } from "../../engine/model-port";
import type { Plan, PlanTask } from "../../engine/plan";

/**
 * The scripted backend's plan when the server runs with FOREMAN_BACKEND=scripted (benchmarks,
 * crash tests, e2e): up to six tasks make a diamond (parallel branches and a join); larger
 * plans (`size` up to 20, for the graph's readability tests) are layered with crossing edges.
 */
export function benchmarkPlan(input: PlanInput, size = 6): Plan {
  const n = Math.min(size, input.maxTasks);
  const tasks = n <= 6 ? diamond(n) : layered(n);
  // A re-plan at a person's request shows that their note reached the orchestrator.
  const analysis = input.revision ? `Scripted plan revised after the note: ${input.revision.note}` : "Scripted plan for benchmarks and tests.";
  return { analysis, mode: "orchestrate", tasks };
}

function scriptedTask(i: number, dependsOn: string[]): PlanTask {
  return { id: `t${i + 1}`, worker: "summarizer", description: `Scripted task ${i + 1}`, focus: "", dependsOn, priority: "medium" };
}

function diamond(n: number): PlanTask[] {
  return Array.from({ length: n }, (_, i) =>
    scriptedTask(i, i === 0 ? [] : i === n - 1 ? Array.from({ length: n - 2 }, (_, j) => `t${j + 2}`) : ["t1"]),
  );
}

/** Layers of about √n tasks; each task depends on two neighbours of the layer before. */
function layered(n: number): PlanTask[] {
  const width = Math.ceil(Math.sqrt(n));
  return Array.from({ length: n }, (_, i) => {
    const layer = Math.floor(i / width);
    if (layer === 0) return scriptedTask(i, []);
    const prevStart = (layer - 1) * width;
    const j = i % width;
    return scriptedTask(i, [...new Set([`t${prevStart + j + 1}`, `t${prevStart + ((j + 1) % width) + 1}`])]);
  });
}
