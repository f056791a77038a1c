const BASE = "http://foreman.invalid";

/** Known ways to turn a path into another origin; every one must come back as a same-origin path. */
export const REDIRECT_BYPASS_PAYLOADS = [
  "//evil.example/phish",
  "/\\evil.example/phish",
  "/\\\\evil.example/phish",
  "\\\\evil.example/phish",
  "/..//evil.example/phish",
  "/../..//evil.example/phish",
  "/./\\evil.example/phish",
  "/\t/evil.example/phish",
  "/\n/evil.example/phish",
  "/%2F/evil.example/phish",
  "/%5C/evil.example/phish",
  "/%2e%2e//evil.example/phish",
  "https://evil.example/phish",
  "https:evil.example/phish",
  "javascript:alert(1)",
] as const;

/**
 * Where to go after signing in: only a path on this site. The value is resolved as a URL — as the
 * browser will — and the check is made on the final, normalised form, then on that form resolved
 * once more (what the browser does with the `Location` header): "/..//evil.example" normalises to
 * "//evil.example", a protocol-relative URL, so leading slashes and backslashes collapse to one.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2_000) return "/";
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE) return "/";
    const path = `/${url.pathname.replace(/^[/\\]+/, "")}${url.search}${url.hash}`;
    const final = new URL(path, BASE);
    return final.origin === BASE && `${final.pathname}${final.search}${final.hash}` === path ? path : "/";
  } catch {
    return "/";
  }
}
