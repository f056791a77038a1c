/**
 * Optional access control: when FOREMAN_ACCESS_TOKEN is set, every page, action and API needs a
 * session cookie (or `Authorization: Bearer <token>`). A session is `v2.<id>.<expires>.<mac>`: a
 * random id per sign-in, an expiry (FOREMAN_SESSION_DAYS), and an HMAC of both keyed by the
 * token — never the token itself — so it is useless once it expires, once the token changes, or
 * once its id is revoked (sign-out). Web Crypto only: this runs in Next's proxy and in actions.
 */
export const SESSION_COOKIE = "foreman_session";

export type Session = { id: string; expiresAt: Date };

export function accessToken(): string | undefined {
  const token = process.env.FOREMAN_ACCESS_TOKEN;
  return token && token.length > 0 ? token : undefined;
}

async function mac(token: string, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(token), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`foreman-session-v2:${payload}`));
  return Array.from(new Uint8Array(signature), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new session: a fresh random id, expiring `maxAgeMs` after `now`. */
export async function createSession(input: { token: string; now: Date; maxAgeMs: number }): Promise<{ value: string; session: Session }> {
  const id = crypto.randomUUID();
  const expires = Math.floor((input.now.getTime() + input.maxAgeMs) / 1000);
  const payload = `${id}.${expires}`;
  return { value: `v2.${payload}.${await mac(input.token, payload)}`, session: { id, expiresAt: new Date(expires * 1000) } };
}

/** The session a cookie value proves, or undefined (malformed, forged, expired). Revocation is the caller's check. */
export async function verifySession(input: { token: string; value: string | undefined; now: Date }): Promise<Session | undefined> {
  const match = /^v2\.([0-9a-f-]{36})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(input.value ?? "");
  if (!match) return undefined;
  const [, id = "", expires = "", signature = ""] = match;
  if (!constantTimeEqual(signature, await mac(input.token, `${id}.${expires}`))) return undefined;
  const expiresAt = new Date(Number(expires) * 1000);
  return expiresAt.getTime() > input.now.getTime() ? { id, expiresAt } : undefined;
}

/** Compares without an early exit, so response timing does not reveal how much matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** True for the right bearer token, or a valid session whose id `isRevoked` does not name. */
export async function isAuthorized(input: { token: string; cookie?: string; authorization?: string | null; now: Date; isRevoked: (id: string) => boolean }): Promise<boolean> {
  const bearer = input.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer && constantTimeEqual(bearer, input.token)) return true;
  const session = await verifySession({ token: input.token, value: input.cookie, now: input.now });
  return session !== undefined && !input.isRevoked(session.id);
}
