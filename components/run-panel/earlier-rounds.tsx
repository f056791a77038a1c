"use client";

import { diffLines } from "diff";
import type { WorkerOutput } from "@/lib/engine/worker-output";
import { Markdown } from "@/components/ui/markdown";

type Props = { earlier: readonly WorkerOutput[]; current: WorkerOutput | undefined };

/**
 * A re-run task's earlier outputs, each rendered as Markdown, with a line diff (jsdiff) to the
 * current output so what changed is visible without reading both.
 */
export function EarlierRounds({ earlier, current }: Props) {
  return (
    <ol className="flex flex-col gap-2 text-xs">
      {earlier.map((output, i) => (
        <li key={`${output.timing.startedAt}-${i}`} className="rounded border border-slate-200 p-2 dark:border-slate-700" data-testid="earlier-round">
          <p className="font-medium">
            Round {i + 1}: {output.status}, {output.findings.length} finding{output.findings.length === 1 ? "" : "s"}
          </p>
          <details className="mt-1">
            <summary className="cursor-pointer">Output of round {i + 1}</summary>
            <Markdown source={output.result || "_No text._"} className="mt-1" />
          </details>
          {current && (
            <details className="mt-1" open={i === earlier.length - 1}>
              <summary className="cursor-pointer">Changes to the current output</summary>
              <OutputDiff before={output.result} after={current.result} />
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

function OutputDiff({ before, after }: { before: string; after: string }) {
  const parts = diffLines(before, after);
  if (parts.every((p) => !p.added && !p.removed)) return <p className="mt-1 text-slate-600 dark:text-slate-300">No change.</p>;
  return (
    <pre className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-[11px] dark:bg-slate-950" data-testid="round-diff">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="bg-green-100 text-green-900 no-underline dark:bg-green-950 dark:text-green-200">
            <span className="sr-only">Added: </span>
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200">
            <span className="sr-only">Removed: </span>
            {p.value}
          </del>
        ) : (
          <span key={i} className="text-slate-600 dark:text-slate-300">
            {p.value}
          </span>
        ),
      )}
    </pre>
  );
}
