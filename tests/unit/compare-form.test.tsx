// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CompareForm } from "@/components/history/compare-form";

afterEach(() => cleanup());

function history(ticked: number) {
  return render(
    <div>
      <CompareForm id="compare-form" preselected={false} />
      {[0, 1, 2].map((i) => (
        <input key={i} type="checkbox" name="run" value={`r${i}`} form="compare-form" defaultChecked={i < ticked} aria-label={`run ${i}`} />
      ))}
    </div>,
  );
}

describe("comparing from the history", () => {
  it("stays on the history and says how many are ticked when it is not two", () => {
    const { container, getByRole } = history(1);
    const form = container.querySelector("form");
    if (!form) throw new Error("no form");
    // fireEvent answers false when the submit was prevented.
    expect(fireEvent.submit(form)).toBe(false);
    expect(getByRole("alert").textContent).toBe("Tick exactly two runs to compare (1 ticked).");
  });

  it("goes to the comparison with two ticked", () => {
    const { container, queryByRole } = history(2);
    const form = container.querySelector("form");
    if (!form) throw new Error("no form");
    expect(fireEvent.submit(form)).toBe(true);
    expect(queryByRole("alert")).toBeNull();
  });
});
