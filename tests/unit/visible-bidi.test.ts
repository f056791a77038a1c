import { describe, expect, it } from "vitest";
import { showBidiControls } from "@/lib/documents/visible-bidi";

describe("showBidiControls", () => {
  it("replaces every bidi control with a visible marker and leaves other text alone", () => {
    expect(showBidiControls("Invoice \u202Egpj.exe")).toBe("Invoice ⟦U+202E⟧gpj.exe");
    expect(showBidiControls("a\u2066b\u2069c\u200Fd\u061C")).toBe("a⟦U+2066⟧b⟦U+2069⟧c⟦U+200F⟧d⟦U+061C⟧");
    expect(showBidiControls("שלום, world — ok")).toBe("שלום, world — ok");
  });
});
