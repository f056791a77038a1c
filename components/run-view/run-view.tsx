"use client";

import { useCallback, useMemo, useState } from "react";
import type { RunEvent } from "@/lib/engine/events";
import type { Citation } from "@/lib/engine/findings";
import { FINAL_RUN_STATUSES } from "@/lib/engine/run-state";
import { toGraph } from "@/lib/graph";
import { DocumentViewer, type ViewerDocument } from "@/components/document-viewer/document-viewer";
import { ReportPanel } from "@/components/report/report-panel";
import { RunGraph } from "@/components/run-graph/run-graph";
import { NodePanel } from "@/components/run-panel/node-panel";
import { PlanReviewCard } from "@/components/plan-review/plan-review-card";
import { useGraphEdit } from "@/components/plan-review/use-graph-edit";
import { usePlanDraft } from "@/components/plan-review/use-plan-draft";
import { RunHeader } from "./run-header";
import { RunOutcome } from "./run-outcome";
import { RunProgress } from "./run-progress";
import { useNow } from "./use-now";
import { useRunEvents } from "./use-run-events";

type Props = {
  run: { id: string; request: string; backend: string; createdAt: string };
  initialEvents: RunEvent[];
  document: ViewerDocument;
};

/** The live run page: progress, canvas with its side panel, report and document side by side. */
export function RunView({ run, initialEvents, document }: Props) {
  const { state, stream, follow } = useRunEvents(run.id, initialEvents);
  const running = !FINAL_RUN_STATUSES.has(state.status);
  // Waiting for a person is not work: the clock stands still while the plan awaits approval.
  const tick = useNow(running && state.status !== "awaiting-approval");
  // Before the clock ticks (server render, hydration) "now" is the last event: both sides agree.
  const now = tick ?? Date.parse(state.lastEventAt ?? run.createdAt);
  const awaiting = state.status === "awaiting-approval";
  const draft = usePlanDraft(state);
  // While the plan is under review the graph shows the person's draft (draft.preview).
  const shown = awaiting ? draft.preview : state;
  const graph = useMemo(() => toGraph(shown, { now }), [shown, now]);
  const { edit, notice } = useGraphEdit(draft, awaiting);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<Citation | null>(null);
  const [highlightNonce, setHighlightNonce] = useState(0);
  const onCite = useCallback((citation: Citation) => {
    setHighlight(citation);
    setHighlightNonce((n) => n + 1);
  }, []);
  const onClose = useCallback(() => setSelectedId(null), []);
  const clearHighlight = useCallback(() => setHighlight(null), []);

  return (
    <div className="flex flex-col gap-4">
      <RunHeader
        runId={run.id}
        title={document.title || document.fileName}
        request={state.request || run.request}
        backend={state.backend ?? run.backend}
        createdAt={run.createdAt}
        stream={stream}
        canCancel={running && !awaiting}
      />
      <RunProgress state={state} now={now} />
      <RunOutcome state={state} />
      {awaiting && <PlanReviewCard runId={run.id} state={state} draft={draft} />}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="relative">
          <RunGraph graph={graph} selectedId={selectedId} onSelect={setSelectedId} {...(edit ? { edit } : {})} className="h-[34rem]" />
          {notice && (
            <p role="alert" className="absolute inset-x-3 top-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 shadow dark:border-red-800 dark:bg-red-950 dark:text-red-100">
              {notice}
            </p>
          )}
        </div>
        <NodePanel
          selectedId={selectedId}
          state={state}
          now={now}
          onClose={onClose}
          onSelectNode={setSelectedId}
          onCite={onCite}
          {...(running ? {} : { onRetried: follow })}
          className="h-[34rem]"
        />
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <ReportPanel state={state} onCite={onCite} />
        <div className="lg:sticky lg:top-4">
          <DocumentViewer document={document} highlight={highlight} highlightNonce={highlightNonce} onClear={clearHighlight} />
        </div>
      </div>
    </div>
  );
}
