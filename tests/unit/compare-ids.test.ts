import { describe, expect, it } from "vitest";
import { compareIds } from "@/components/compare/compare-ids";

describe("the two runs a comparison shows", () => {
  it("keeps ?a= and ?b= in that order", () => {
    expect(compareIds({ a: "new", b: "old" })).toEqual(["new", "old"]);
  });

  it("puts the earlier of two runs ticked in the history (listed newest first) as A", () => {
    expect(compareIds({ run: ["newer", "older"] })).toEqual(["older", "newer"]);
  });

  it("drops duplicates and empty values, so a run ticked twice is one run", () => {
    expect(compareIds({ run: ["x", "x", ""] })).toEqual(["x"]);
    expect(compareIds({ run: "x" })).toEqual(["x"]);
    expect(compareIds({})).toEqual([]);
  });
});
