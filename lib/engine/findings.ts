import { z } from "zod";

export const severitySchema = z.enum(["critical", "warning", "info"]);
export type Severity = z.infer<typeof severitySchema>;
export const SEVERITY_ORDER: readonly Severity[] = ["critical", "warning", "info"];

/** A verified pointer into `Document.text`: `text.slice(start, end) === quote`. */
export const citationSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  page: z.number().int().positive().optional(),
  /** For source code: 1-based line and column of `start`, as an editor shows them. */
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});
export type Citation = z.infer<typeof citationSchema>;

/** A finding as the engine stores and shows it: only verified citations, unverifiable quotes kept apart. */
export const findingSchema = z.object({
  severity: severitySchema,
  title: z.string(),
  detail: z.string(),
  recommendation: z.string().optional(),
  citations: z.array(citationSchema),
  /** Quotes the model gave that do not occur in the document; never shown as citations. */
  unverifiedQuotes: z.array(z.string()).default([]),
  /** The task that produced the finding (set by the engine). */
  taskId: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/**
 * A finding as a model (or the offline engine) returns it: verbatim quotes, optionally with the
 * span the producer believes they occupy. The engine checks every span and locates every quote.
 */
export const rawFindingSchema = z.object({
  severity: severitySchema,
  title: z.string().min(1),
  detail: z.string(),
  recommendation: z.string().optional(),
  quotes: z.array(
    z.object({
      quote: z.string().min(1),
      start: z.number().int().nonnegative().optional(),
      end: z.number().int().nonnegative().optional(),
    }),
  ),
});
export type RawFinding = z.infer<typeof rawFindingSchema>;
