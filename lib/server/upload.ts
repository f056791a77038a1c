import "server-only";
import { z } from "zod";
import type { Document } from "../documents/document";
import { ingestDocument, ingestText } from "../documents/ingest";
import { applyBudget, budgetFormSchema } from "../engine/budget-input";
import { ForemanError } from "../engine/errors";
import type { RunLimits } from "../engine/events";
import { defaultLimits } from "./engine";
import { env } from "./env";
import { maxUploadBytes } from "./upload-limit";
import { showBidiControls } from "../documents/visible-bidi";

export const startRunFormSchema = z
  .object({
    request: z.string().max(4_000, "The request is too long (4,000 characters at most).").default(""),
    text: z.string().default(""),
    idempotencyKey: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
    /** "Review the plan first": a checkbox ("on") or "true"/"1" from the API. */
    review: z
      .enum(["on", "true", "1", "false", "0", ""], { message: 'review must be "true" or "false".' })
      .optional()
      .transform((v) => v === "on" || v === "true" || v === "1"),
  })
  .extend(budgetFormSchema.shape);

const FORM_FIELDS = ["request", "text", "idempotencyKey", "review", ...Object.keys(budgetFormSchema.shape)] as const;

/** The start-run fields of a submitted form (the file is read separately). */
export function parseStartRunForm(form: FormData) {
  return startRunFormSchema.safeParse(Object.fromEntries(FORM_FIELDS.map((name) => [name, form.get(name) ?? undefined])));
}

/** The run's limits: server defaults, overridden by what the user set for this run. */
export function limitsFromForm(fields: z.infer<typeof startRunFormSchema>): RunLimits {
  return applyBudget(defaultLimits(), fields);
}


const MB = 1024 * 1024;

/** Longest file name kept; longer names are shortened (keeping the extension) so titles and tables stay usable. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Shortens an over-long file name to MAX_FILE_NAME_LENGTH characters, keeping a short extension. */
export function capFileName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? "";
  return `${chars.slice(0, MAX_FILE_NAME_LENGTH - ext.length - 1).join("")}…${ext}`;
}

/** Turns the form's file or pasted text into a Document; throws ForemanError with a specific message. */
export async function documentFromForm(file: File | undefined, pastedText: string): Promise<Document> {
  const maxBytes = maxUploadBytes();
  if (file && file.size > 0) {
    // Checked before `arrayBuffer()`, so an oversize file is not copied once more just to be refused.
    if (file.size > maxBytes) {
      throw new ForemanError("document_too_large", `"${capFileName(file.name)}" is ${(file.size / MB).toFixed(1)} MB; the limit is ${env().FOREMAN_MAX_UPLOAD_MB} MB.`);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const document = await ingestDocument({ bytes, fileName: capFileName(file.name), declaredMediaType: file.type }, { maxBytes, maxParseMemoryMb: env().FOREMAN_PARSE_MEMORY_MB, maxInflatedBytes: env().FOREMAN_MAX_INFLATED_MB * 1024 * 1024 });
    // Names and titles are shown in lists and headings: bidi overrides there would disguise them.
    return { ...document, fileName: showBidiControls(document.fileName), title: showBidiControls(document.title) };
  }
  if (pastedText.trim()) {
    const document = await ingestText({ text: pastedText }, { maxBytes });
    return { ...document, title: showBidiControls(document.title) };
  }
  if (file) throw new ForemanError("document_empty", `"${capFileName(file.name)}" is empty.`);
  throw new ForemanError("invalid_input", "Choose a file or paste some text to analyse.");
}
