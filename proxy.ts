import { NextResponse, type NextRequest } from "next/server";
import { accessToken, isAuthorized, SESSION_COOKIE } from "./lib/security/access";
import { contentSecurityPolicy } from "./lib/security/csp";

/** Reachable without a session: the login page and its form post, and the liveness probe. */
const PUBLIC_PATHS = new Set(["/login", "/api/health"]);

/**
 * Runs before every request: refuses requests without a session when an access token is set,
 * and gives each page a fresh CSP nonce.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const token = accessToken();
  const { pathname, search } = request.nextUrl;
  if (token && !PUBLIC_PATHS.has(pathname)) {
    const ok = await isAuthorized({
      token,
      cookie: request.cookies.get(SESSION_COOKIE)?.value,
      authorization: request.headers.get("authorization"),
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
  return NextResponse.json({ error: { code: "unauthorized", message: "Sign in first: this Foreman requires an access token." } }, { status: 401 });
}

export const config = {
  // Static assets carry no data; everything else (pages, actions, APIs, SSE) goes through here.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
