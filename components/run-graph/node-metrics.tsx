import { formatDuration, formatTokens } from "@/components/ui/format";

type Props = { elapsedMs: number | null; tokens: number; extra?: string };

/** Elapsed time and tokens: the bottom line of every node. */
export function NodeMetrics({ elapsedMs, tokens, extra }: Props) {
  return (
    <span className="mt-auto flex gap-3 truncate text-xs tabular-nums text-slate-600 dark:text-slate-300">
      <span title="Elapsed time">
        <span aria-hidden="true">⏱ </span>
        {formatDuration(elapsedMs)}
      </span>
      <span title="Tokens">{formatTokens(tokens)}</span>
      {extra && <span>{extra}</span>}
    </span>
  );
}
