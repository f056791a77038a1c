import { describe, expect, it } from "vitest";
import { constantTimeEqual, isAuthorized, sessionValue } from "@/lib/security/access";
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
  it("accepts the session cookie or the bearer token, nothing else", async () => {
    const cookie = await sessionValue("s3cret");
    expect(cookie).not.toContain("s3cret");
    expect(await isAuthorized({ token: "s3cret", cookie })).toBe(true);
    expect(await isAuthorized({ token: "s3cret", authorization: "Bearer s3cret" })).toBe(true);
    expect(await isAuthorized({ token: "s3cret", cookie: await sessionValue("other") })).toBe(false);
    expect(await isAuthorized({ token: "s3cret", authorization: "Bearer s3cre" })).toBe(false);
    expect(await isAuthorized({ token: "s3cret" })).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
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
