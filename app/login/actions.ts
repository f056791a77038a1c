"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { accessToken, constantTimeEqual, SESSION_COOKIE, sessionValue } from "@/lib/security/access";
import { safeNextPath } from "@/lib/security/safe-next";

export type LoginState = { error?: string };

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const token = accessToken();
  if (!token) redirect("/");
  const given = formData.get("token");
  if (typeof given !== "string" || !constantTimeEqual(given, token)) return { error: "That access token is not right." };
  // Browsers drop a Secure cookie sent over plain HTTP except on localhost; behind HTTPS it is always Secure.
  const requestHeaders = await headers();
  const host = requestHeaders.get("host") ?? "";
  const https = requestHeaders.get("x-forwarded-proto") === "https" || (requestHeaders.get("origin") ?? "").startsWith("https:");
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  (await cookies()).set(SESSION_COOKIE, await sessionValue(token), {
    httpOnly: true,
    secure: https || local,
    // Lax: a link from mail or chat arrives signed in; cross-site POSTs stay refused (and Next checks the Origin of actions).
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
  redirect(safeNextPath(formData.get("next")));
}
