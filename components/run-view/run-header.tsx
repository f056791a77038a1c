"use client";

import Link from "next/link";
import { EngineBadge } from "@/components/ui/engine-badge";
import { LocalTime } from "@/components/ui/local-time";
import { CancelRunButton } from "./cancel-run-button";
import { StreamIndicator } from "./stream-indicator";
import type { StreamStatus } from "./use-run-events";

type Props = {
  runId: string;
  title: string;
  request: string;
  backend: string | undefined;
  createdAt: string;
  stream: StreamStatus;
  canCancel: boolean;
};

export function RunHeader({ runId, title, request, backend, createdAt, stream, canCancel }: Props) {
  return (
    <header className="flex items-start justify-between gap-3">
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-xl font-semibold">{title}</h1>
        <p className="mt-0.5 line-clamp-2 text-sm text-slate-600 dark:text-slate-300" title={request}>
          {request}
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
          <EngineBadge backend={backend} />
          <span>
            Started <LocalTime iso={createdAt} />
          </span>
          <StreamIndicator status={stream} />
          <Link href={`/runs?compare=${runId}`} className="underline underline-offset-2 hover:text-brand dark:hover:text-brand-dark">
            Compare with…
          </Link>
        </p>
      </div>
      {/* The button leaves when the run ends; the header keeps its height, so nothing below moves. */}
      {canCancel && (
        <div className="shrink-0">
          <CancelRunButton runId={runId} />
        </div>
      )}
    </header>
  );
}
