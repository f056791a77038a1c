import type { ErrorCode } from "../engine/errors";

/**
 * What a server action answers instead of throwing when it refuses its input (lib/server/action.ts):
 * the message to show, the error code, and the HTTP status the same refusal gets from the API —
 * a malformed id 404, other bad input 400. Fits the actions' `{ error?: string }` results. No
 * `server-only`: client components read it.
 */
export type ActionFailure = { error: string; code: ErrorCode; status: number };

/** True for an action's answer that is a refusal. */
export function isActionFailure(value: unknown): value is ActionFailure {
  return typeof value === "object" && value !== null && "error" in value && "code" in value && "status" in value;
}
