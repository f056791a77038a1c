"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { accessToken, constantTimeEqual, SESSION_COOKIE, sessionValue } from "@/lib/security/access";

export type LoginState = { error?: string };

/** Only same-site paths: `next` must not send the user to another origin after signing in. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const token = accessToken();
  if (!token) redirect("/");
  const given = formData.get("token");
  if (typeof given !== "string" || !constantTimeEqual(given, token)) return { error: "That access token is not right." };
  (await cookies()).set(SESSION_COOKIE, await sessionValue(token), { httpOnly: true, secure: true, sameSite: "strict", path: "/", maxAge: 60 * 60 * 24 * 30 });
  redirect(safeNext(formData.get("next")));
}
