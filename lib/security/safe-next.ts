/**
 * Where to go after signing in: only paths on this site. Parsed as a URL — as the browser will —
 * so tricks like "/\t/evil.example" or "//evil.example" resolve to another origin and are refused.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string") return "/";
  const base = "http://foreman.invalid";
  try {
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
