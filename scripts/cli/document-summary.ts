import type { Document } from "../../lib/documents/document";

/**
 * One line saying how Foreman read a document: format, pages, encoding (and what decided it),
 * hidden passages left out, control characters removed, review comments, size in characters.
 */
export function documentSummary(document: Document): string {
  const meta = document.metadata ?? {};
  const parts = [
    `format: ${document.format}${document.language ? ` (${document.language})` : ""}`,
    `pages: ${document.pages.length > 0 ? document.pages.length : "-"}`,
    `encoding: ${meta.encoding ? `${meta.encoding.name} (${meta.encoding.source === "bom" ? "byte order mark" : meta.encoding.source})` : "-"}`,
    `hidden passages left out: ${meta.hiddenPassages ?? 0}`,
  ];
  if (meta.controlCharactersRemoved) parts.push(`control characters removed: ${meta.controlCharactersRemoved}`);
  if (meta.comments) parts.push(`review comments: ${meta.comments}`);
  parts.push(`characters: ${document.text.length}`);
  return parts.join(" · ");
}
