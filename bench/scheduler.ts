/**
 * npm run bench:scheduler — how close Foreman's event-driven scheduler gets to the best possible
 * makespan on random DAGs with long-tailed latencies, next to level-by-level and serial
 * execution; and the engine's own overhead per task with a zero-latency backend.
 */
import { runDag, type TaskOutcome } from "../lib/engine/dag-runner";
import { createMemorySink } from "../lib/engine/event-stamp";
import type { PlanTask } from "../lib/engine/plan";
import { executeRun } from "../lib/engine/run-engine";
import { ZERO_USAGE } from "../lib/engine/usage";
import { createScriptedPort, scriptedPlan } from "../lib/llm/scripted/scripted-port";
import { makeBenchDocument } from "./bench-document";
import { levelByLevelMakespan, lowerBound, serialMakespan } from "./makespan";
import { longTailLatency, randomDag, seededRandom, type DagShape } from "./random-dag";
import { createVirtualClock } from "./virtual-clock";

const CAP = 4;
const SIZES = [20, 50, 100, 200];
const SHAPES: DagShape[] = ["wide", "chains", "mixed"];
const SEEDS = [1, 2, 3];

const done: TaskOutcome = {
  status: "succeeded",
  output: { status: "success", result: "", findings: [], errors: [], usage: ZERO_USAGE, timing: { startedAt: "", endedAt: "", durationMs: 0 } },
};

async function foremanMakespan(tasks: PlanTask[], latency: ReadonlyMap<string, number>): Promise<number> {
  const clock = createVirtualClock();
  const run = runDag({
    tasks,
    concurrency: CAP,
    signal: new AbortController().signal,
    runTask: async (task) => {
      await clock.wait(latency.get(task.id) ?? 0);
      return done;
    },
    onNotStarted: () => undefined,
  });
  await clock.runUntil(run);
  return clock.now();
}

async function makespanRatios() {
  const bySize = new Map<number, { foreman: number[]; levels: number[]; serial: number[] }>();
  for (const size of SIZES) {
    const acc = { foreman: [] as number[], levels: [] as number[], serial: [] as number[] };
    for (const shape of SHAPES) {
      for (const seed of SEEDS) {
        const random = seededRandom(seed * 1000 + size);
        const tasks = randomDag(size, shape, random);
        const latency = new Map(tasks.map((t) => [t.id, longTailLatency(random)]));
        const bound = lowerBound(tasks, latency, CAP);
        acc.foreman.push((await foremanMakespan(tasks, latency)) / bound);
        acc.levels.push(levelByLevelMakespan(tasks, latency, CAP) / bound);
        acc.serial.push(serialMakespan(latency) / bound);
      }
    }
    bySize.set(size, acc);
  }
  return bySize;
}

async function overheadPerTaskMs(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const tasks = randomDag(200, SHAPES[i % 3] as DagShape, seededRandom(99 + i));
    const port = createScriptedPort({ plan: scriptedPlan(tasks) });
    const { sink } = createMemorySink({ runId: `bench-${i}` });
    const started = performance.now();
    await executeRun(
      { document: makeBenchDocument(), request: "bench" },
      { port, sink, signal: new AbortController().signal, limits: { maxTasks: 200, concurrency: CAP, taskTimeoutMs: 60_000, maxAttempts: 3 } },
    );
    samples.push((performance.now() - started) / tasks.length);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const ratios = await makespanRatios();
console.log(`makespan ÷ lower bound (cap ${CAP}; ${SHAPES.length} shapes × ${SEEDS.length} seeds per size; lower is better, 1.00 is optimal)`);
console.log("tasks  foreman  level-by-level  serial");
const all: number[] = [];
for (const [size, r] of ratios) {
  all.push(...r.foreman);
  console.log(`${String(size).padStart(5)}  ${mean(r.foreman).toFixed(3).padStart(7)}  ${mean(r.levels).toFixed(3).padStart(14)}  ${mean(r.serial).toFixed(3).padStart(6)}`);
}
const overhead = await overheadPerTaskMs();
console.log(`makespan ratio: ${mean(all).toFixed(2)}`);
console.log(`overhead per task: ${overhead.toFixed(3)} ms`);
