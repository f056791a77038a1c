// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Pagination } from "@/components/history/pagination";

afterEach(() => cleanup());

describe("the history's pagination", () => {
  it("states the count alone when everything is on one page", () => {
    const { container } = render(<Pagination query={{ q: "", status: "", backend: "", page: 1 }} total={3} pageSize={20} />);
    expect(container.textContent).toBe("1–3 of 3 runs");
  });

  it("says there are no runs, without page buttons", () => {
    const { container } = render(<Pagination query={{ q: "", status: "", backend: "", page: 1 }} total={0} pageSize={20} />);
    expect(container.textContent).toBe("No runs");
  });

  it("offers the older page from the first of two", () => {
    const { container, getByRole } = render(<Pagination query={{ q: "", status: "", backend: "", page: 1 }} total={31} pageSize={20} />);
    expect(container.textContent).toContain("1–20 of 31 runs");
    expect(container.textContent).toContain("Page 1 of 2");
    expect(getByRole("link", { name: "Older →" }).getAttribute("href")).toBe("/runs?page=2");
  });
});
