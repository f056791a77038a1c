import type { RunEvent, RunEventDraft } from "@/lib/engine/events";
import type { PlanTask } from "@/lib/engine/plan";
import { ZERO_USAGE, type Usage } from "@/lib/engine/usage";
import type { WorkerOutput } from "@/lib/engine/worker-output";

/** Numbers hand-written drafts like the event log does: seq 1, 2, 3… and one second apart. */
export function stampEvents(drafts: readonly RunEventDraft[], options: { runId?: string; startMs?: number } = {}): RunEvent[] {
  const runId = options.runId ?? "run-1";
  const start = options.startMs ?? Date.parse("2025-01-01T00:00:00.000Z");
  return drafts.map((draft, i) => ({ ...draft, runId, seq: i + 1, at: new Date(start + i * 1000).toISOString() }) as RunEvent);
}

export const planTask = (id: string, dependsOn: string[] = [], worker = "key-facts"): PlanTask => ({
  id,
  worker,
  description: `Task ${id}`,
  focus: `focus of ${id}`,
  dependsOn,
  priority: "medium",
});

export const usage = (tokens: number): Usage => ({ ...ZERO_USAGE, inputTokens: tokens, outputTokens: 0 });

export function runStart(): RunEventDraft {
  return {
    type: "run-start",
    request: "Review the contract",
    document: { title: "Contract", fileName: "contract.txt", mediaType: "text/plain", format: "text", byteSize: 10, sha256: "x".repeat(64), chars: 10 },
    backend: "offline",
    models: { orchestrator: "offline", worker: "offline", synthesis: "offline" },
    limits: { maxTasks: 8, concurrency: 4, taskTimeoutMs: 10_000, maxAttempts: 2 },
  };
}

export function planEnd(tasks: PlanTask[], tokens = 0): RunEventDraft {
  return { type: "plan-end", plan: { analysis: "A contract.", mode: "orchestrate", tasks }, usage: usage(tokens), repaired: false };
}

export function workerOutput(tokens = 0, status: WorkerOutput["status"] = "success"): WorkerOutput {
  return {
    status,
    result: "Done.",
    findings: [
      {
        severity: "warning",
        title: "Late payment",
        detail: "Payment is late.",
        citations: [{ start: 0, end: 4, quote: "Paym" }],
        unverifiedQuotes: [],
      },
    ],
    errors: [],
    usage: usage(tokens),
    timing: { startedAt: "2025-01-01T00:00:00.000Z", endedAt: "2025-01-01T00:00:01.000Z", durationMs: 1000 },
  };
}
