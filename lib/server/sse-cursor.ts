import "server-only";
import { z } from "zod";
import { ForemanError } from "../engine/errors";

const cursorSchema = z.coerce.number().int().nonnegative();

/** The replay cursor: the browser's `Last-Event-ID` on reconnect wins over `?after=`. */
export function parseAfter(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "0";
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw new ForemanError("invalid_input", `Invalid event cursor "${raw}": expected a non-negative integer.`);
  return parsed.data;
}
