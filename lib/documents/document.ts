import { z } from "zod";

/** A page of a paginated source (PDF): the half-open character range it covers in `Document.text`. */
export const documentPageSchema = z.object({
  number: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type DocumentPage = z.infer<typeof documentPageSchema>;

export const documentFormatSchema = z.enum(["text", "markdown", "html", "pdf", "docx", "code"]);
export type DocumentFormat = z.infer<typeof documentFormatSchema>;

/** What ingestion produces and everything downstream reads. `text` is the only content models see. */
export const documentSchema = z.object({
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  format: documentFormatSchema,
  /** Programming language for `format: "code"`, e.g. "python", "typescript". */
  language: z.string().optional(),
  text: z.string(),
  /** Empty for formats without pages. */
  pages: z.array(documentPageSchema),
  byteSize: z.number().int().nonnegative(),
  sha256: z.string().length(64),
});
export type Document = z.infer<typeof documentSchema>;

/** Page number (1-based) holding character offset `offset`, if the document has pages. */
export function pageAt(pages: readonly DocumentPage[], offset: number): number | undefined {
  for (const page of pages) {
    if (offset >= page.start && offset < page.end) return page.number;
  }
  return undefined;
}
