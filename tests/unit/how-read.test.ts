import { describe, expect, it } from "vitest";
import { howRead } from "@/components/document-viewer/how-read";

describe("howRead (the viewer's 'Text as Foreman reads it' line)", () => {
  it("says which encoding was used and why, and what was left out or flagged", () => {
    expect(howRead({ encoding: { name: "windows-1252", source: "declared" }, hiddenPassages: 1, controlCharactersRemoved: 2, comments: 3 })).toEqual([
      "windows-1252 (declared)",
      "1 hidden passage left out",
      "2 control characters removed",
      "3 review comments flagged",
    ]);
    expect(howRead({ encoding: { name: "utf-16le", source: "bom" } })).toEqual(["utf-16le (byte order mark)"]);
    expect(howRead(undefined)).toEqual([]);
  });
});
