// @vitest-environment happy-dom
import { cleanup, render, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HistoryTable } from "@/components/history/history-table";
import type { RunRow } from "@/lib/server/run-queries";

// The delete button refreshes the list through the app router, which a bare render has not got.
vi.mock("next/navigation", async (original) => ({ ...(await original<typeof import("next/navigation")>()), useRouter: () => ({ refresh: () => {} }) }));

afterEach(() => cleanup());

const row = (id: string, backend: string, totalTokens: number, costUsd: number): RunRow => ({
  id,
  documentName: `${backend}.txt`,
  documentTitle: "Supply agreement",
  request: "Risks?",
  status: "succeeded",
  backend,
  createdAt: "2026-11-29T10:00:00.000Z",
  durationMs: 3000,
  taskCount: 3,
  totalTokens,
  costUsd,
});

describe("tokens and cost in the history", () => {
  it("shows a dash, not a measured zero, for offline runs, and the figures for metered ones", () => {
    const { getAllByRole } = render(<HistoryTable rows={[row("a", "offline", 0, 0), row("b", "claude", 12_345, 0.42)]} />);
    const [, offline, claude] = getAllByRole("row");
    if (!offline || !claude) throw new Error("expected two rows");
    expect(offline.textContent).not.toMatch(/tok|\$/);
    expect(within(offline).getAllByText("not metered")).toHaveLength(2);
    expect(claude.textContent).toContain("12k tok");
    expect(claude.textContent).toContain("$0.42");
  });
});

describe("a history row's document", () => {
  it("shows the document's title under its file name, so runs on pasted text can be told apart", () => {
    const pasted = { ...row("p", "offline", 0, 0), documentName: "pasted-text.txt", documentTitle: "The supplier shall deliver within 30 days." };
    const same = { ...row("s", "offline", 0, 0), documentName: "notes.txt", documentTitle: "notes.txt" };
    const { getAllByRole } = render(<HistoryTable rows={[pasted, same]} />);
    const [, first, second] = getAllByRole("row");
    expect(first?.textContent).toContain("pasted-text.txtThe supplier shall deliver within 30 days.");
    // A title that only repeats the file name is not shown twice.
    expect(second?.textContent?.match(/notes\.txt/g)).toHaveLength(1);
  });
});
