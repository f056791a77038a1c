import { NextResponse, type NextRequest } from "next/server";
import { accessToken, isAuthorized, SESSION_COOKIE } from "./lib/security/access";
import { contentSecurityPolicy } from "./lib/security/csp";
import { checkSameOrigin } from "./lib/security/same-origin";
import { isAllowedHost } from "./lib/server/host-allow-list";
import { isSessionRevoked } from "./lib/server/revoked-sessions";
import { maxRequestBytes, uploadTooLargeMessage } from "./lib/server/upload-limit";

/** Reachable without a session: the login page and its form post, and the liveness probe. */
const PUBLIC_PATHS = new Set(["/login", "/api/health"]);

/**
 * Runs before every request, in order: refuses a `Host` this server is not (DNS rebinding, 421), a
 * state-changing request from another site (CSRF, 403 — server actions and the sign-in form
 * included), and a request without a session when an access token is set (401 / sign-in page);
 * then gives each page a fresh CSP nonce.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const host = request.headers.get("host");
  if (!isAllowedHost(host)) {
    return refusal(421, "misdirected", `This server does not answer to the host name ${JSON.stringify(host ?? "")}. If that is its public name, add it to FOREMAN_ALLOWED_HOSTS.`);
  }
  const origin = checkSameOrigin({
    method: request.method,
    host,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    authorization: request.headers.get("authorization"),
  });
  if (!origin.ok) return refusal(403, "cross_site", origin.message);
  // An oversize form post (the no-JavaScript upload) would hit Next's own server-action limit, a
  // bare 500; refuse it here, by its declared length, with the limit in words.
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxRequestBytes()) {
    return wantsPage(request) ? refusalPage(413, "File too large", uploadTooLargeMessage()) : refusal(413, "document_too_large", uploadTooLargeMessage());
  }

  const token = accessToken();
  const { pathname, search } = request.nextUrl;
  if (token && !PUBLIC_PATHS.has(pathname)) {
    const ok = await isAuthorized({
      token,
      cookie: request.cookies.get(SESSION_COOKIE)?.value,
      authorization: request.headers.get("authorization"),
      now: new Date(),
      isRevoked: isSessionRevoked,
    });
    if (!ok) return refuse(request, pathname + search);
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp); // Next reads the nonce for its own scripts from here
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "same-origin");
  return response;
}

function refuse(request: NextRequest, target: string): NextResponse {
  const isPageView = request.method === "GET" && !request.nextUrl.pathname.startsWith("/api/") && !request.headers.has("next-action");
  if (isPageView) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", target);
    return NextResponse.redirect(login);
  }
  return refusal(401, "unauthorized", "Sign in first: this Foreman requires an access token.");
}

/** A browser navigation (a plain form post or a link), not a script or a server-action fetch. */
function wantsPage(request: NextRequest): boolean {
  return !request.headers.has("next-action") && (request.headers.get("accept") ?? "").includes("text/html");
}

/** A minimal page for a refused form post without JavaScript: the reason and a way back. */
function refusalPage(status: number, title: string, message: string): NextResponse {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} — Foreman</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1 style="font-size:1.25rem">${escape(title)}</h1><p role="alert">${escape(message)}</p><p><a href="/">Back to the form</a></p></body></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" } });
}

function refusal(status: number, code: string, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status });
}

export const config = {
  // Static assets carry no data; everything else (pages, actions, APIs, SSE) goes through here.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
