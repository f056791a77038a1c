import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/engine/catalogue";
import { ForemanError } from "@/lib/engine/errors";
import type { ModelWait } from "@/lib/engine/events";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { createOfflinePort } from "@/lib/llm/offline";
import { closeOfflinePool } from "@/lib/llm/offline/worker-pool";
import { makeDocument } from "../support/make-document";

/** About `mb` MB of real text (the GPL and the contract fixture, repeated). */
function bigDocument(mb: number) {
  const corpus = `${readFileSync("tests/fixtures/gpl-3.0.txt", "utf8")}\n\n${readFileSync("tests/fixtures/contract.txt", "utf8")}\n\n`;
  return makeDocument(corpus.repeat(Math.ceil((mb * 1_000_000) / corpus.length)));
}

const task = { id: "summarizer", worker: "summarizer", description: "Summarise", focus: "", dependsOn: [], priority: "high" as const };
const worker = CATALOGUE.find((w) => w.name === "summarizer")!;
const noop = (): void => undefined;

afterAll(closeOfflinePool);

describe("the offline engine's worker-thread pool", () => {
  it("stops a step that passes its deadline (offline_timeout, not retryable), then serves the next job", async () => {
    const document = bigDocument(2);
    const tight = createOfflinePort({ deadlineMs: 1 });
    const error = await tight.plan({ document, request: DEFAULT_REQUEST, catalogue: CATALOGUE, maxTasks: 8, signal: new AbortController().signal, onDelta: noop }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForemanError);
    expect((error as ForemanError).code).toBe("offline_timeout");
    expect((error as ForemanError).retryable).toBe(false);
    const out = await createOfflinePort().plan({ document: bigDocument(0.01), request: DEFAULT_REQUEST, catalogue: CATALOGUE, maxTasks: 8, signal: new AbortController().signal, onDelta: noop });
    expect(out.plan).toMatchObject({ mode: "orchestrate" });
  });

  it("rejects with the caller's abort reason when the run is cancelled mid-step", async () => {
    const controller = new AbortController();
    const reason = new ForemanError("aborted", "run cancelled");
    const pending = createOfflinePort().work({ task, worker, document: bigDocument(2), request: DEFAULT_REQUEST, dependencies: [], attempt: 1, signal: controller.signal, onDelta: noop });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });

  it("keeps the caller's event loop free while a 5 MB document is analysed, and says when a step waits for a thread", async () => {
    const document = bigDocument(5);
    const port = createOfflinePort({ pool: { threads: 1 } });
    const waits: Array<ModelWait | null> = [];
    const onWait = (w: ModelWait | null): void => void waits.push(w);
    const before = performance.eventLoopUtilization();
    // Two steps on one thread: the second waits for the first.
    const outputs = await Promise.all([
      port.work({ task, worker, document, request: DEFAULT_REQUEST, dependencies: [], attempt: 1, signal: new AbortController().signal, onDelta: noop, onWait }),
      port.work({ task: { ...task, id: "facts", worker: "key-facts" }, worker, document, request: DEFAULT_REQUEST, dependencies: [], attempt: 1, signal: new AbortController().signal, onDelta: noop, onWait }),
    ]);
    const used = performance.eventLoopUtilization(before);
    expect(outputs.map((o) => o.status)).toEqual(["success", "success"]);
    // Analysing in this thread would keep its event loop busy nearly all the time (≈ 1); waiting
    // for worker threads leaves it idle, however loaded the machine is.
    expect(used.utilization).toBeLessThan(0.5);
    expect(waits).toEqual([{ reason: "call_limit" }, null]);
  });
});
