import "server-only";
import type { z } from "zod";
import { ForemanError } from "../engine/errors";
import { env } from "./env";
import { readLimitedBody } from "./read-limited-body";

/** Plans and notes are small; a body past this is refused before it is buffered. */
const MAX_JSON_BYTES = 256 * 1024;

/**
 * Reads a JSON request body (at most 256 KiB) and parses it with `schema`. An empty body counts
 * as `{}`. Throws ForemanError("invalid_input") naming the first faults.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const bytes = await readLimitedBody(request, { maxBytes: MAX_JSON_BYTES, limitLabel: "256 KiB", idleTimeoutMs: env().FOREMAN_BODY_TIMEOUT_MS }).catch((error: unknown) => {
    if (error instanceof ForemanError && error.code === "document_too_large") throw new ForemanError("invalid_input", "The request body is larger than 256 KiB.");
    throw error;
  });
  const text = new TextDecoder().decode(bytes).trim();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new ForemanError("invalid_input", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ForemanError("invalid_input", parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}
