import "server-only";
import type { z } from "zod";
import { ForemanError } from "../engine/errors";
import { checkSameOrigin } from "../security/same-origin";
import { errorResponse } from "./http-errors";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteSpec<P extends z.ZodType> = {
  /** Route parameters; a value that does not parse answers 404 (a malformed id names no resource). */
  params?: P;
  /** Called before the handler, e.g. a per-client rate limit; throws ForemanError to refuse. */
  guard?: (request: Request) => void | Promise<void>;
};

/**
 * Every route handler goes through here (DESIGN §7): the same-origin rule for state-changing
 * methods (lib/security/same-origin.ts), parameter parsing, the route's guard, and the one
 * error → HTTP mapping (http-errors.ts). Access control runs before, in proxy.ts, for every path.
 */
export function route<P extends z.ZodType = z.ZodType<Record<string, never>>>(
  spec: RouteSpec<P>,
  handler: (input: { request: Request; params: z.infer<P> }) => Promise<Response>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const verdict = checkSameOrigin({
        method: request.method,
        host: request.headers.get("host"),
        origin: request.headers.get("origin"),
        secFetchSite: request.headers.get("sec-fetch-site"),
        authorization: request.headers.get("authorization"),
      });
      if (!verdict.ok) throw new ForemanError("cross_site", verdict.message);
      const raw = await context.params;
      let params = raw as z.infer<P>;
      if (spec.params) {
        const parsed = spec.params.safeParse(raw);
        if (!parsed.success) throw new ForemanError("not_found", `Nothing at ${new URL(request.url).pathname}: ${parsed.error.issues[0]?.message ?? "bad parameter"}.`);
        params = parsed.data;
      }
      await spec.guard?.(request);
      return await handler({ request, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
