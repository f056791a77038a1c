import type { MouseEvent } from "react";

/**
 * Links in model or document text can point anywhere. A click on one that leaves this site first
 * asks, showing the real target host (the link text may claim another): "Open a page on
 * evil.example?". Same-site links open as usual.
 */
export function confirmExternalLink(event: MouseEvent<HTMLElement>): void {
  const anchor = (event.target as HTMLElement).closest("a");
  if (!anchor?.href) return;
  const target = new URL(anchor.href, window.location.href);
  if (target.origin === window.location.origin) return;
  if (!window.confirm(`This link leaves Foreman for ${target.host}.\n\n${target.href}\n\nOpen it?`)) event.preventDefault();
}
