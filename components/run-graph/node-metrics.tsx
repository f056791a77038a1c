import { formatDuration, formatTokens } from "@/components/ui/format";

type Props = { elapsedMs: number | null; tokens: number | null; extra?: string };

/** Elapsed time and tokens (when the backend meters them): the bottom line of every node. */
export function NodeMetrics({ elapsedMs, tokens, extra }: Props) {
  return (
    <span className="mt-auto flex gap-3 truncate text-xs tabular-nums text-slate-600 dark:text-slate-300">
      <span title="Elapsed time" className="inline-flex items-center gap-0.5">
        <svg viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
          <circle cx="8" cy="8.5" r="5.5" />
          <path d="M8 5.5v3l2 1.5" />
        </svg>
        <span className="sr-only">Elapsed </span>
        {formatDuration(elapsedMs)}
      </span>
      {tokens !== null && <span title="Tokens">{formatTokens(tokens)}</span>}
      {extra && <span>{extra}</span>}
    </span>
  );
}
