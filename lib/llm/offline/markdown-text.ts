/**
 * Document text placed inside the offline report's Markdown, escaped so it reads exactly as the
 * document does: `__NOGLOBS__` stays two underscores, not bold; `<b>`, `[x](y)` and `*` stay
 * literal. CommonMark lets any ASCII punctuation be backslash-escaped
 * (https://spec.commonmark.org/0.31.2/#backslash-escapes); only the characters that can start
 * inline syntax are escaped here, so the stored report stays readable as plain text.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`);
}
