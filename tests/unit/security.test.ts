import { describe, expect, it } from "vitest";
import { constantTimeEqual, createSession, isAuthorized, verifySession } from "@/lib/security/access";
import { contentSecurityPolicy } from "@/lib/security/csp";
import { REDIRECT_BYPASS_PAYLOADS, safeNextPath } from "@/lib/security/safe-next";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/runs?q=contract#top")).toBe("/runs?q=contract#top");
    expect(safeNextPath("/runs/abc")).toBe("/runs/abc");
  });

  it.each([...REDIRECT_BYPASS_PAYLOADS, 42, null])("never leaves the site for %j", (value) => {
    const target = safeNextPath(value);
    expect(target.startsWith("/")).toBe(true);
    expect(target).not.toMatch(/^[/\\]{2}/);
    // What the browser does with the Location header, from any page of this site:
    expect(new URL(target, "http://127.0.0.1:3000/login?next=x").origin).toBe("http://127.0.0.1:3000");
  });
});

describe("access token sessions", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const day = 24 * 60 * 60 * 1000;
  const notRevoked = () => false;

  it("accepts a session cookie or the bearer token, nothing else", async () => {
    const { value } = await createSession({ token: "s3cret", now, maxAgeMs: day });
    expect(value).not.toContain("s3cret");
    expect(await isAuthorized({ token: "s3cret", cookie: value, now, isRevoked: notRevoked })).toBe(true);
    expect(await isAuthorized({ token: "s3cret", authorization: "Bearer s3cret", now, isRevoked: notRevoked })).toBe(true);
    const other = await createSession({ token: "other", now, maxAgeMs: day });
    expect(await isAuthorized({ token: "s3cret", cookie: other.value, now, isRevoked: notRevoked })).toBe(false);
    expect(await isAuthorized({ token: "s3cret", authorization: "Bearer s3cre", now, isRevoked: notRevoked })).toBe(false);
    expect(await isAuthorized({ token: "s3cret", now, isRevoked: notRevoked })).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });

  it("gives every sign-in its own id, and refuses an expired, revoked or altered session", async () => {
    const a = await createSession({ token: "s3cret", now, maxAgeMs: day });
    const b = await createSession({ token: "s3cret", now, maxAgeMs: day });
    expect(a.value).not.toBe(b.value);
    expect(a.session.id).not.toBe(b.session.id);
    expect(a.session.expiresAt).toEqual(new Date(now.getTime() + day));
    const later = new Date(now.getTime() + day + 1000);
    expect(await isAuthorized({ token: "s3cret", cookie: a.value, now: later, isRevoked: notRevoked })).toBe(false);
    expect(await isAuthorized({ token: "s3cret", cookie: a.value, now, isRevoked: (id) => id === a.session.id })).toBe(false);
    expect(await isAuthorized({ token: "s3cret", cookie: b.value, now, isRevoked: (id) => id === a.session.id })).toBe(true);
    // A later expiry with the old signature does not verify.
    const [v, id, , mac] = a.value.split(".");
    expect(await verifySession({ token: "s3cret", value: `${v}.${id}.9999999999.${mac}`, now })).toBeUndefined();
  });
});

describe("content security policy", () => {
  it("allows scripts only with the request's nonce and loads nothing from elsewhere", () => {
    const csp = contentSecurityPolicy("n0nce");
    expect(csp).toContain("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
