import { isCutShort, type CutShort, type FinishingPort, type FinishReason, type ModelPort } from "@/lib/engine/model-port";

/** A port result that must have finished normally (fails the test with the finish reason otherwise). */
export function finished<T extends { finishReason?: FinishReason }>(out: T): Exclude<T, CutShort> {
  if (isCutShort(out)) throw new Error(`expected a finished answer, got finishReason "${out.finishReason}"`);
  return out as Exclude<T, CutShort>;
}

/** Wraps a port so every call must finish normally: tests of the happy path read the answer directly. */
export function finishing(port: ModelPort): FinishingPort {
  return {
    ...port,
    plan: async (input) => finished(await port.plan(input)),
    work: async (input) => finished(await port.work(input)),
    synthesize: async (input) => finished(await port.synthesize(input)),
  };
}
