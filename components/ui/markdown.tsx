"use client";

import { useMemo, useSyncExternalStore } from "react";
import { confirmExternalLink } from "./confirm-external-link";
import { renderMarkdown } from "./render-markdown";

type Props = { source: string; className?: string };

const subscribe = () => () => {};

/**
 * Sanitised Markdown. The server (and the first client render, so hydration matches) shows the
 * plain text; once mounted in the browser, where DOMPurify has a DOM, it shows the rendered HTML.
 */
export function Markdown({ source, className = "" }: Props) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const html = useMemo(() => (inBrowser ? renderMarkdown(source) : null), [inBrowser, source]);
  if (html === null) return <div className={`markdown whitespace-pre-wrap ${className}`}>{source}</div>;
  // A click on a link to another site asks first, naming its real host (confirm-external-link.ts).
  return <div className={`markdown ${className}`} onClick={confirmExternalLink} dangerouslySetInnerHTML={{ __html: html }} />;
}
