"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { accessToken, constantTimeEqual, createSession, SESSION_COOKIE, verifySession } from "@/lib/security/access";
import { safeNextPath } from "@/lib/security/safe-next";
import { env } from "@/lib/server/env";
import { revokeSession } from "@/lib/server/revoked-sessions";
import { signInRetryAfterMs, signInFailed } from "@/lib/server/sign-in-limit";

export type LoginState = { error?: string };

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const token = accessToken();
  if (!token) redirect("/");
  const requestHeaders = await headers();
  // Behind a proxy the client is the first X-Forwarded-For entry; Next fills it from the socket otherwise.
  const client = requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  const wait = signInRetryAfterMs(client);
  if (wait > 0) return { error: `Too many wrong tokens. Try again in ${Math.ceil(wait / 60_000)} minute${wait > 60_000 ? "s" : ""}.` };
  const given = formData.get("token");
  if (typeof given !== "string" || !constantTimeEqual(given, token)) {
    signInFailed(client);
    return { error: "That access token is not right." };
  }
  // Browsers drop a Secure cookie sent over plain HTTP except on localhost; behind HTTPS it is always Secure.
  const host = requestHeaders.get("host") ?? "";
  const https = requestHeaders.get("x-forwarded-proto") === "https" || (requestHeaders.get("origin") ?? "").startsWith("https:");
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  const maxAgeMs = env().FOREMAN_SESSION_DAYS * 24 * 60 * 60 * 1000;
  const { value } = await createSession({ token, now: new Date(), maxAgeMs });
  (await cookies()).set(SESSION_COOKIE, value, {
    httpOnly: true,
    secure: https || local,
    // Lax: a link from mail or chat arrives signed in; cross-site POSTs are refused by the proxy's cross-site rule.
    sameSite: "lax",
    path: "/",
    maxAge: Math.floor(maxAgeMs / 1000),
  });
  redirect(safeNextPath(formData.get("next")));
}

/** Ends this browser's session: revoked on the server (the cookie is useless even if copied), deleted here. */
export async function signOutAction(): Promise<void> {
  const token = accessToken();
  const jar = await cookies();
  if (token) {
    const session = await verifySession({ token, value: jar.get(SESSION_COOKIE)?.value, now: new Date() });
    if (session) await revokeSession(session);
  }
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}
