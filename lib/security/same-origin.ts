/**
 * The cross-site request rule (CSRF) for every state-changing request — route handlers, server
 * actions and the sign-in form alike:
 *
 * - `Sec-Fetch-Site` (sent by every current browser) must be `same-origin` (or `none`: typed by
 *   the user). `same-site` is refused too: a page on another port of this host is same-site, and
 *   the session cookie would ride along.
 * - Without it, `Origin` must name this host.
 * - With neither (a script, not a browser), the request must carry `Authorization: Bearer …`: a
 *   browser cannot add that header to a cross-site request without a CORS preflight, which Foreman
 *   never approves. (With FOREMAN_ACCESS_TOKEN set, the bearer must also be the token.)
 *
 * Pure: runs in the proxy and in the route wrapper.
 */
export type OriginVerdict = { ok: true } | { ok: false; message: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function checkSameOrigin(input: { method: string; host: string | null; origin: string | null; secFetchSite: string | null; authorization: string | null }): OriginVerdict {
  if (!isStateChanging(input.method)) return { ok: true };
  const site = input.secFetchSite?.trim().toLowerCase();
  if (site) {
    if (site === "same-origin" || site === "none") return { ok: true };
    return refuse(`it came from another site (Sec-Fetch-Site: ${site}${input.origin ? `, Origin: ${input.origin}` : ""})`);
  }
  if (input.origin !== null) {
    if (input.host && originHost(input.origin) === input.host.trim().toLowerCase()) return { ok: true };
    return refuse(`it came from another site (Origin: ${input.origin})`);
  }
  if (/^Bearer\s+\S/i.test(input.authorization ?? "")) return { ok: true };
  return refuse("it says neither where it came from (no Origin or Sec-Fetch-Site header) nor who sent it (no Authorization: Bearer header)");
}

function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined; // "null" (sandboxed frames, privacy-sensitive redirects) is never this host
  }
}

function refuse(why: string): OriginVerdict {
  return {
    ok: false,
    message: `Refused: ${why}. Foreman accepts changes only from its own pages; scripts send an "Authorization: Bearer <token>" header (any value when no access token is set).`,
  };
}
