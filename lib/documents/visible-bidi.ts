/**
 * Bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) reorder
 * the text shown around them: "Invoice \u202Egpj.exe" displays as "Invoice exe.jpg". In names and
 * titles they are replaced by a visible marker such as "⟦U+202E⟧", so what is shown is what is there.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟦U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}⟧`);
}
