/**
 * The Content-Security-Policy of every page. Scripts run only with this request's nonce (Next
 * adds it to its own scripts); nothing is loaded from other origins — a model output with a
 * remote image or a `javascript:` link can neither run nor phone home. Inline styles stay
 * allowed because React Flow positions nodes with style attributes.
 */
export function contentSecurityPolicy(nonce: string): string {
  // React's development build evaluates code for its debugging tools; production never does.
  const devEval = process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
