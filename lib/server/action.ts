import "server-only";
import type { z } from "zod";
import { ForemanError } from "../engine/errors";
import type { ActionFailure } from "./action-failure";
import { httpStatusOf } from "./http-errors";

export type ActionSpec<P extends z.ZodType, I extends z.ZodType> = {
  /** Ids naming what the action acts on; a value that does not parse names nothing (404, as in route.ts). */
  params?: P;
  /** Everything else the action is given; a value that does not parse is bad input (400). */
  input?: I;
};

/**
 * Server actions' counterpart of route.ts: every action that takes arguments parses them here
 * with zod, so a malformed argument answers an ActionFailure — never a 500 (a ZodError thrown
 * from an action) and never a silent "nothing happened". A ForemanError from the handler becomes
 * an ActionFailure too; anything else (a fault of ours, Next's redirect()/notFound()) propagates.
 * Server actions are reachable by any client with the action's id, so their arguments are as
 * untrusted as an API request's body. Next checks their origin itself (proxy.ts answers 403).
 */
export async function parseAction<P extends z.ZodType, I extends z.ZodType, R>(
  spec: ActionSpec<P, I>,
  raw: { params?: unknown; input?: unknown },
  handler: (parsed: { params: z.infer<P>; input: z.infer<I> }) => Promise<R>,
): Promise<R | ActionFailure> {
  const params = spec.params?.safeParse(raw.params);
  if (params && !params.success) return failure(new ForemanError("not_found", `Nothing to act on: ${params.error.issues[0]?.message ?? "bad id"}.`));
  const input = spec.input?.safeParse(raw.input);
  if (input && !input.success) {
    // The schemas' own messages are written to be shown as they are.
    return failure(new ForemanError("invalid_input", input.error.issues[0]?.message ?? "The input is not valid."));
  }
  try {
    return await handler({ params: params?.data as z.infer<P>, input: input?.data as z.infer<I> });
  } catch (error) {
    if (error instanceof ForemanError) return failure(error);
    throw error;
  }
}

function failure(error: ForemanError): ActionFailure {
  return { error: error.message, code: error.code, status: httpStatusOf(error.code) };
}
