// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { reduceRun } from "@/lib/engine/reduce-run";
import { RunProgress } from "@/components/run-view/run-progress";
import { renderReport } from "@/scripts/cli/render-report";

afterEach(() => cleanup());

const start = (unpricedModels?: string[]): RunEvent => ({
  runId: "r",
  seq: 1,
  at: "2026-11-29T10:00:00.000Z",
  type: "run-start",
  request: "Risks?",
  document: { title: "t", fileName: "t.txt", mediaType: "text/plain", format: "text", byteSize: 1, sha256: "x", chars: 1 },
  backend: "claude",
  models: { orchestrator: "claude-sonnet-5-5", worker: "claude-next-9", synthesis: "claude-sonnet-5-5" },
  ...(unpricedModels ? { unpricedModels } : {}),
  limits: { maxTasks: 8, concurrency: 4, taskTimeoutMs: 60_000, maxAttempts: 2 },
});

describe("the run's progress line", () => {
  it("says the cost is an estimate, naming the model without a price, when the run used one", () => {
    const { getByTestId } = render(<RunProgress state={reduceRun([start(["claude-next-9"])])} now={Date.parse("2026-11-29T10:00:05.000Z")} />);
    expect(getByTestId("unpriced-models").textContent).toBe("cost estimated (unknown model claude-next-9: costed at the highest known rates)");
  });

  it("says nothing of the kind when every model has a price", () => {
    const { queryByTestId, getByText } = render(<RunProgress state={reduceRun([start()])} now={Date.parse("2026-11-29T10:00:05.000Z")} />);
    expect(getByText("Est. cost")).toBeTruthy();
    expect(queryByTestId("unpriced-models")).toBeNull();
  });

  it("the CLI's engine line says the same", () => {
    expect(renderReport(reduceRun([start(["claude-next-9"])]))).toContain("$0.0000 (estimated: unknown model claude-next-9)");
    expect(renderReport(reduceRun([start()]))).not.toContain("estimated");
  });
});
