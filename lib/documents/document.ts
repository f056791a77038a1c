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

/** Which encoding turned the bytes into text, and what decided it. */
export const textEncodingSchema = z.object({
  /** WHATWG encoding name, e.g. "utf-8", "utf-16le", "windows-1252", "shift_jis", "gb18030". */
  name: z.string(),
  source: z.enum(["bom", "declared", "detected"]),
});
export type TextEncoding = z.infer<typeof textEncodingSchema>;

/** What ingestion did to the source that a reader of `text` cannot see; shown next to the text. */
export const documentMetadataSchema = z.object({
  /** Only for text formats (text, Markdown, HTML, code). */
  encoding: textEncodingSchema.optional(),
  /** HTML passages hidden from readers (`hidden`, `display:none`, `aria-hidden`), left out of `text`. */
  hiddenPassages: z.number().int().nonnegative().optional(),
  /** NUL and other C0 control characters removed from otherwise readable text. */
  controlCharactersRemoved: z.number().int().nonnegative().optional(),
  /** DOCX review comments, flagged in `text` as "[comment N]" and listed at its end. */
  comments: z.number().int().nonnegative().optional(),
});
export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

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
  metadata: documentMetadataSchema.optional(),
});
export type Document = z.infer<typeof documentSchema>;

/** Page number (1-based) holding character offset `offset`, if the document has pages. */
export function pageAt(pages: readonly DocumentPage[], offset: number): number | undefined {
  for (const page of pages) {
    if (offset >= page.start && offset < page.end) return page.number;
  }
  return undefined;
}
