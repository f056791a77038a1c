import type { PlanTask, Priority } from "../lib/engine/plan";

/** Mulberry32: a small seeded PRNG so every run of the benchmark sees the same DAGs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DagShape = "wide" | "chains" | "mixed";

/**
 * A random DAG: "wide" has few levels and many parallel tasks, "chains" has long dependency
 * chains with little branching, "mixed" a bit of both. Dependencies always point to earlier
 * tasks, so the graph is acyclic.
 */
export function randomDag(size: number, shape: DagShape, random: () => number): PlanTask[] {
  const priorities: Priority[] = ["high", "medium", "low"];
  const tasks: PlanTask[] = [];
  for (let i = 0; i < size; i++) {
    const dependsOn = new Set<string>();
    if (i > 0) {
      if (shape === "chains") {
        if (random() < 0.85) dependsOn.add(`t${Math.max(0, i - 1 - Math.floor(random() * 3))}`);
      } else if (shape === "wide") {
        if (random() < 0.3) dependsOn.add(`t${Math.floor(random() * Math.min(i, 10))}`);
      } else {
        const count = Math.floor(random() * 3);
        for (let k = 0; k < count; k++) dependsOn.add(`t${Math.floor(random() * i)}`);
      }
    }
    tasks.push({ id: `t${i}`, worker: "summarizer", description: `task ${i}`, focus: "", dependsOn: [...dependsOn], priority: priorities[Math.floor(random() * 3)] as Priority });
  }
  return tasks;
}

/** Long-tailed latency like real model calls: log-normal, median ~2 s, occasional 10 s+. */
export function longTailLatency(random: () => number): number {
  const u1 = Math.max(random(), 1e-9);
  const u2 = random();
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.round(2_000 * Math.exp(0.6 * normal));
}
