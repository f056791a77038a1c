import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/engine/catalogue";
import { extensionDecisionSchema } from "@/lib/engine/extension";
import type { ModelPort } from "@/lib/engine/model-port";
import type { Plan } from "@/lib/engine/plan";
import { createClaudePort } from "@/lib/llm/claude";
import { TEST_MODELS } from "../support/claude-kit";
import { makeDocument } from "../support/make-document";
import { startMockAnthropic, type MockAnthropic, type MockRequest } from "../support/mock-anthropic";
import { jsonReply } from "../support/mock-anthropic-replies";

const document = makeDocument("Supplier's indemnity is set out in Schedule 4.\nSchedule 4\nIndemnity capped at GBP 1m.");
const plan: Plan = {
  analysis: "a",
  mode: "orchestrate",
  tasks: [{ id: "risk", worker: "contract-risk", description: "Assess the risks", focus: "", dependsOn: [], priority: "high" }],
};

let mock: MockAnthropic;
let port: ModelPort;
beforeAll(async () => {
  mock = await startMockAnthropic({ apiKey: "test-key" });
  port = createClaudePort({ apiKey: "test-key", baseURL: mock.url, models: TEST_MODELS });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.requests.length = 0;
});

const text = (r: MockRequest | undefined) => JSON.stringify((r?.body?.messages as Array<{ content: unknown[] }>)[0]?.content[1]);

describe("Claude: the orchestrator's extension call and the re-plan note", () => {
  it("asks the orchestrator model with the plan and the follow-up request, and returns its raw decision", async () => {
    const decision = { reason: "Nobody reads Schedule 4.", tasks: [{ id: "schedule-4", worker: "clause-analyzer", description: "Analyse Schedule 4", focus: "Schedule 4", dependsOn: ["risk"], priority: "medium" }] };
    mock.enqueue(jsonReply(decision));
    const out = await port.extend?.({
      document,
      request: "Is this risky?",
      plan,
      catalogue: CATALOGUE,
      followUp: { taskId: "risk", result: "The indemnity is open-ended.", request: "The indemnity refers to Schedule 4, which nobody analyses." },
      maxNewTasks: 3,
      signal: new AbortController().signal,
    });
    expect(extensionDecisionSchema.parse(out?.decision)).toEqual(decision);
    expect(out?.usage.inputTokens).toBeGreaterThan(0);
    const req = mock.requests[0];
    expect(req?.body?.model).toBe("claude-sonnet-5-5");
    const instructions = text(req);
    expect(instructions).toContain("The indemnity refers to Schedule 4, which nobody analyses.");
    expect(instructions).toContain("At most 3 new task(s)");
    expect(instructions).toContain('\\"id\\": \\"risk\\"');
    const format = (req?.body as { output_config?: { format?: { schema?: { required?: string[] } } } }).output_config?.format?.schema;
    expect(format?.required).toEqual(expect.arrayContaining(["reason", "tasks"]));
  });

  it("sends the person's note and the previous plan when re-planning", async () => {
    mock.enqueue(jsonReply(plan));
    await port.plan({ document, request: "Is this risky?", catalogue: CATALOGUE, maxTasks: 5, revision: { previous: plan, note: "Only the indemnity, please" }, signal: new AbortController().signal, onDelta: () => {} });
    const instructions = text(mock.requests[0]);
    expect(instructions).toContain("asked for a new one");
    expect(instructions).toContain("Only the indemnity, please");
    expect(instructions).toContain("Assess the risks");
  });
});
