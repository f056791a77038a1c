import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMemorySink } from "@/lib/engine/event-stamp";
import { reduceRun } from "@/lib/engine/reduce-run";
import { DEFAULT_LIMITS, executeRun } from "@/lib/engine/run-engine";
import { createOfflinePort } from "@/lib/llm/offline";
import { createScriptedPort, scriptedPlan, task } from "@/lib/llm/scripted/scripted-port";
import { makeDocument } from "../support/make-document";

const text = readFileSync("tests/fixtures/injection.txt", "utf8");
const document = makeDocument(text, { fileName: "injection.txt" });

describe("a document that tries to instruct the engine", () => {
  it("does not change the plan's bounds, and is reported as a finding citing the passage", async () => {
    const { sink, events } = createMemorySink({ runId: "inj" });
    await executeRun({ document, request: "Review this contract" }, { port: createOfflinePort(), sink, signal: new AbortController().signal });
    const state = reduceRun(events);
    expect(state.status).toBe("succeeded");
    expect(state.taskOrder.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTasks);
    const injection = state.report?.findings.find((f) => /prompt injection/i.test(f.title));
    expect(injection?.severity).not.toBe("info");
    expect(injection?.citations.some((c) => c.quote.includes("Ignore all previous instructions"))).toBe(true);
    for (const c of injection?.citations ?? []) expect(text.slice(c.start, c.end)).toBe(c.quote);
  });

  it("keeps a model's plan within the cap even when the model obeys the document", async () => {
    const obedient = scriptedPlan(Array.from({ length: 500 }, (_, i) => task(`w${i}`)));
    const port = createScriptedPort({ plan: obedient });
    const { sink, events } = createMemorySink({ runId: "inj2" });
    await executeRun({ document, request: "Review" }, { port, sink, signal: new AbortController().signal });
    const state = reduceRun(events);
    expect(port.calls.plan).toBe(2); // one repair round, then refused
    expect(port.calls.work).toHaveLength(0);
    expect(state.error).toMatchObject({ code: "plan_invalid", details: ["too many tasks: 500 planned, the cap is 8"] });
  });
});
