import type { PlanTask } from "../lib/engine/plan";

/** max(weighted critical path, total work ÷ cap): no schedule can finish sooner. */
export function lowerBound(tasks: readonly PlanTask[], latency: ReadonlyMap<string, number>, cap: number): number {
  const finish = new Map<string, number>();
  for (const t of tasks) finish.set(t.id, Math.max(0, ...t.dependsOn.map((d) => finish.get(d) ?? 0)) + (latency.get(t.id) ?? 0));
  const criticalPath = Math.max(...finish.values());
  const work = [...latency.values()].reduce((a, b) => a + b, 0);
  return Math.max(criticalPath, work / cap);
}

/** The seed's approach: run one dependency level at a time (cap-limited), the next after the whole level ends. */
export function levelByLevelMakespan(tasks: readonly PlanTask[], latency: ReadonlyMap<string, number>, cap: number): number {
  const level = new Map<string, number>();
  for (const t of tasks) level.set(t.id, Math.max(-1, ...t.dependsOn.map((d) => level.get(d) ?? 0)) + 1);
  const levels = new Map<number, number[]>();
  for (const t of tasks) levels.set(level.get(t.id) ?? 0, [...(levels.get(level.get(t.id) ?? 0) ?? []), latency.get(t.id) ?? 0]);
  let total = 0;
  for (const [, durations] of [...levels].sort((a, b) => a[0] - b[0])) {
    const slots = Array<number>(cap).fill(0);
    for (const d of durations) {
      const i = slots.indexOf(Math.min(...slots));
      slots[i] = (slots[i] ?? 0) + d;
    }
    total += Math.max(...slots);
  }
  return total;
}

export function serialMakespan(latency: ReadonlyMap<string, number>): number {
  return [...latency.values()].reduce((a, b) => a + b, 0);
}
