import type { DocumentMetadata } from "@/lib/documents/document";

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** What ingestion did that the text alone does not show, as short phrases for the viewer. */
export function howRead(metadata: DocumentMetadata | undefined): string[] {
  if (!metadata) return [];
  const parts: string[] = [];
  if (metadata.encoding) {
    const why = { bom: "byte order mark", declared: "declared", detected: "detected" }[metadata.encoding.source];
    parts.push(`${metadata.encoding.name} (${why})`);
  }
  if (metadata.hiddenPassages) parts.push(`${plural(metadata.hiddenPassages, "hidden passage", "hidden passages")} left out`);
  if (metadata.controlCharactersRemoved) parts.push(`${plural(metadata.controlCharactersRemoved, "control character", "control characters")} removed`);
  if (metadata.comments) parts.push(`${plural(metadata.comments, "review comment", "review comments")} flagged`);
  return parts;
}
