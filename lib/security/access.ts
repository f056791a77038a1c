/**
 * Optional access control: when FOREMAN_ACCESS_TOKEN is set, every page, action and API needs a
 * session cookie (or `Authorization: Bearer <token>`). The cookie holds an HMAC of a fixed label
 * keyed by the token — never the token itself — so it is useless once the token changes.
 * Web Crypto only: this runs inside Next's proxy as well as in route handlers.
 */
export const SESSION_COOKIE = "foreman_session";

export function accessToken(): string | undefined {
  const token = process.env.FOREMAN_ACCESS_TOKEN;
  return token && token.length > 0 ? token : undefined;
}

export async function sessionValue(token: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(token), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("foreman-session-v1"));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares without an early exit, so response timing does not reveal how much matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export async function isAuthorized(input: { token: string; cookie?: string; authorization?: string | null }): Promise<boolean> {
  const bearer = input.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer && constantTimeEqual(bearer, input.token)) return true;
  if (!input.cookie) return false;
  return constantTimeEqual(input.cookie, await sessionValue(input.token));
}
