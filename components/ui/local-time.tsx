"use client";

import { useSyncExternalStore } from "react";
import { formatDate } from "./format";

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const noop = () => () => {};

/**
 * An instant in the reader's own time zone and locale. The server (and hydration) render UTC,
 * which both sides agree on; the browser switches to local time right after hydrating.
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const inBrowser = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  const ms = Date.parse(iso);
  const text = inBrowser && !Number.isNaN(ms) ? localFormat.format(ms) : formatDate(iso);
  return (
    <time dateTime={iso} className={className} title={formatDate(iso)}>
      {text}
    </time>
  );
}
