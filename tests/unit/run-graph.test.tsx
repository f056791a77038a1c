// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { ReactFlowProvider, type NodeProps } from "@xyflow/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Citation, Finding } from "@/lib/engine/findings";
import type { NodeStatus, TaskNodeData } from "@/lib/graph";
import { FindingsBySeverity } from "@/components/report/findings-by-severity";
import { NodeSelectionProvider } from "@/components/run-graph/node-selection-context";
import { TaskNode, type TaskFlowNode } from "@/components/run-graph/task-node";

afterEach(cleanup);

function taskData(status: NodeStatus, overrides: Partial<TaskNodeData> = {}): TaskNodeData {
  return {
    kind: "task",
    label: "risks",
    taskId: "risks",
    worker: "contract-risk",
    workerTitle: "Contract risk",
    priority: "high",
    description: "Find risky clauses",
    status,
    elapsedMs: 4_200,
    tokens: 1_530,
    attempt: 1,
    findingCount: 2,
    ...overrides,
  };
}

function renderTaskNode(data: TaskNodeData, select = vi.fn()) {
  const props: NodeProps<TaskFlowNode> = {
    id: "task:risks",
    type: "task",
    data,
    selected: false,
    dragging: false,
    draggable: false,
    selectable: false,
    deletable: false,
    isConnectable: false,
    zIndex: 0,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
  };
  render(
    <ReactFlowProvider>
      <NodeSelectionProvider value={{ selectedId: null, select }}>
        <TaskNode {...props} />
      </NodeSelectionProvider>
    </ReactFlowProvider>,
  );
  return select;
}

describe("TaskNode", () => {
  it.each([
    ["pending", "Pending", "circle"],
    ["running", "Running", "spinner"],
    ["retrying", "Retrying", "retry"],
    ["succeeded", "Succeeded", "check"],
    ["partial", "Partial", "half"],
    ["failed", "Failed", "cross"],
    ["skipped", "Skipped", "skip"],
  ] as const)("shows %s as text and icon, not only colour", (status, label, icon) => {
    renderTaskNode(taskData(status));
    const line = screen.getByTestId("node-status");
    expect(line.textContent).toContain(label);
    expect(line.querySelector("svg")?.getAttribute("data-icon")).toBe(icon);
  });

  it("shows worker, elapsed time, tokens and the retry attempt", () => {
    renderTaskNode(taskData("running", { attempt: 2 }));
    // The spoken name is the visible text (WCAG 2.5.3): task, worker, summary, status.
    const button = screen.getByRole("button", { name: /^risks .*Contract risk.*Find risky clauses.*Running/ });
    expect(button.getAttribute("title")).toContain("Find risky clauses");
    expect(screen.getByTestId("node-summary").textContent).toBe("Find risky clauses");
    expect(button.textContent).toContain("Contract risk");
    expect(button.textContent).toContain("4.2 s");
    expect(button.textContent).toContain("1.5k tok");
    expect(button.textContent).toContain("attempt 2");
  });

  it("shows no token figure when the backend does not meter tokens", () => {
    renderTaskNode(taskData("succeeded", { tokens: null }));
    expect(screen.getByRole("button").textContent).not.toContain("tok");
  });

  it("opens the panel when clicked (a button, so Enter and Space work too)", () => {
    const select = renderTaskNode(taskData("succeeded"));
    fireEvent.click(screen.getByRole("button"));
    expect(select).toHaveBeenCalledWith("task:risks");
  });
});

describe("FindingsBySeverity", () => {
  const cite: Citation = { start: 120, end: 160, quote: "liability shall be unlimited", page: 2 };
  const findings: Finding[] = [
    { severity: "info", title: "Governing law", detail: "English law.", citations: [], unverifiedQuotes: [], taskId: "facts" },
    { severity: "critical", title: "Unlimited liability", detail: "No cap.", recommendation: "Cap at fees paid.", citations: [cite], unverifiedQuotes: [], taskId: "risks" },
  ];

  it("groups critical before info and shows the recommendation", () => {
    render(<FindingsBySeverity findings={findings} onCite={() => {}} />);
    const groups = screen.getAllByRole("region");
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual(["Critical findings", "Info findings"]);
    expect(within(groups[0] as HTMLElement).getByText("Cap at fees paid.")).toBeTruthy();
  });

  it("calls the highlight handler with the citation when it is clicked", () => {
    const onCite = vi.fn();
    render(<FindingsBySeverity findings={findings} onCite={onCite} />);
    fireEvent.click(screen.getByRole("button", { name: /liability shall be unlimited/ }));
    expect(onCite).toHaveBeenCalledWith(cite);
  });
});
