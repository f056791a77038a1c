"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { RunEvent } from "@/lib/engine/events";
import type { PlanTask } from "@/lib/engine/plan";
import { reduceRun } from "@/lib/engine/reduce-run";
import type { Citation } from "@/lib/engine/findings";
import { FINAL_RUN_STATUSES } from "@/lib/engine/run-state";
import { isStale, toGraph, toTimeline } from "@/lib/graph";
import { DocumentViewer, type ViewerDocument } from "@/components/document-viewer/document-viewer";
import { ReportPanel } from "@/components/report/report-panel";
import { RunGraph } from "@/components/run-graph/run-graph";
import { useElementSize } from "@/components/run-graph/use-element-size";
import { NodePanel } from "@/components/run-panel/node-panel";
import { PlanReviewCard } from "@/components/plan-review/plan-review-card";
import { useGraphEdit } from "@/components/plan-review/use-graph-edit";
import { usePlanDraft } from "@/components/plan-review/use-plan-draft";
import { RunTimeline } from "@/components/run-timeline/run-timeline";
import { RUN_STATUS_META } from "@/components/ui/status-meta";
import { ReplayBar } from "./replay-bar";
import { RunHeader } from "./run-header";
import { RunOutcome } from "./run-outcome";
import { RunProgress } from "./run-progress";
import { ViewTabs, type RunViewTab } from "./view-tabs";
import { useNow } from "./use-now";
import { useReplay } from "./use-replay";
import { useRunEvents } from "./use-run-events";

/** Where the node panel is a bottom sheet over the page (Tailwind 4's `max-lg`, see node-panel.tsx). */
const SHEET_MEDIA = "(width < 64rem)";

type Props = {
  run: { id: string; request: string; backend: string; createdAt: string };
  initialEvents: RunEvent[];
  document: ViewerDocument;
};

/**
 * The live run page: progress, the graph or the timeline (with replay) and the side panel,
 * then report and document side by side. During a replay everything below the header shows
 * the run as it was at the scrubber's moment.
 */
export function RunView({ run, initialEvents, document: doc }: Props) {
  const { state: live, events, stream, follow } = useRunEvents(run.id, initialEvents);
  const running = !FINAL_RUN_STATUSES.has(live.status);
  // Waiting for a person is not work: the clock stands still while the plan awaits approval.
  const tick = useNow(running && live.status !== "awaiting-approval");
  // Before the clock ticks (server render, hydration) "now" is the last event: both sides agree.
  // Never earlier than the last event either: a task that starts between two ticks (or on a server
  // whose clock runs ahead of the browser's) would otherwise read "0 ms" until the clock catches up.
  const lastEventMs = Date.parse(live.lastEventAt ?? run.createdAt);
  const liveNow = Math.max(tick ?? lastEventMs, lastEventMs);
  const origin = live.startedAt ? Date.parse(live.startedAt) : liveNow;
  const duration = Math.max(0, (live.endedAt ? Date.parse(live.endedAt) : liveNow) - origin);
  const replay = useReplay(events, run.id, origin, duration);
  const state = replay.state ?? live;
  const now = replay.at === null ? liveNow : origin + replay.at;
  const awaiting = live.status === "awaiting-approval";
  const draft = usePlanDraft(live);
  const replan = useMemo(() => (awaiting ? lastReplan(events) : undefined), [awaiting, events]);
  // While the plan is under review the graph shows the person's draft (draft.preview).
  const shown = awaiting && replay.at === null ? draft.preview : state;
  const graph = useMemo(() => toGraph(shown, { now }), [shown, now]);
  const { edit, notice } = useGraphEdit(draft, awaiting && replay.at === null);
  const shownEvents = replay.events ?? events;
  const timeline = useMemo(() => toTimeline(state, now, shownEvents), [state, now, shownEvents]);

  const [tab, setTab] = useState<RunViewTab>("graph");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<Citation | null>(null);
  const [highlightNonce, setHighlightNonce] = useState(0);
  // The citation button that was clicked: the viewer offers a way back to it (the panel or the report).
  const [citedFrom, setCitedFrom] = useState<HTMLElement | null>(null);
  const [area, setArea] = useState<HTMLDivElement | null>(null);
  const areaSize = useElementSize(area);
  // A citation clicked in the bottom sheet (narrow screens): the sheet would cover the passage, so
  // it closes, and "Back to the citation" opens that step again.
  const [reopenId, setReopenId] = useState<string | null>(null);
  const onCite = useCallback(
    (citation: Citation) => {
      setHighlight(citation);
      setHighlightNonce((n) => n + 1);
      const from = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      if (from?.closest("#node-panel") && selectedId && window.matchMedia(SHEET_MEDIA).matches) {
        setReopenId(selectedId);
        setSelectedId(null);
        setCitedFrom(null);
        return;
      }
      setReopenId(null);
      setCitedFrom(from);
    },
    [selectedId],
  );
  const backToCitation = useCallback(() => {
    if (reopenId) {
      setSelectedId(reopenId);
      setReopenId(null);
      return;
    }
    if (!citedFrom?.isConnected) return;
    citedFrom.scrollIntoView({ block: "center", behavior: "smooth" });
    citedFrom.focus({ preventScroll: true });
  }, [citedFrom, reopenId]);
  const onClose = useCallback(() => setSelectedId(null), []);
  const clearHighlight = useCallback(() => {
    setHighlight(null);
    setCitedFrom(null);
    setReopenId(null);
  }, []);
  const title = doc.title || doc.fileName;

  // The tab says how the run is doing, so a background tab shows when it finishes.
  useEffect(() => {
    document.title = `${RUN_STATUS_META[live.status].label} · ${title} · Foreman`;
  }, [live.status, title]);

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <RunHeader
        runId={run.id}
        title={title}
        request={live.request || run.request}
        backend={live.backend ?? run.backend}
        createdAt={run.createdAt}
        stream={stream}
        canCancel={running && !awaiting}
      />
      <RunProgress state={state} now={now} />
      <RunOutcome state={state} />
      {awaiting && replay.at === null && <PlanReviewCard runId={run.id} state={live} draft={draft} replan={replan} />}
      <div ref={setArea} className={`grid grid-cols-1 items-start gap-4 ${selectedId ? "lg:grid-cols-[minmax(0,1fr)_24rem]" : ""}`}>
        <div className="relative min-w-0 overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <ViewTabs tab={tab} onChange={setTab} />
          <div id="run-view-panel" role="tabpanel" aria-labelledby={`run-view-tab-${tab}`}>
            {tab === "graph" ? (
              <RunGraph graph={graph} selectedId={selectedId} onSelect={setSelectedId} layoutWidth={areaSize?.width ?? null} {...(edit ? { edit } : {})} />
            ) : (
              <RunTimeline timeline={timeline} selectedId={selectedId} onSelect={setSelectedId} />
            )}
          </div>
          {state.startedAt && <ReplayBar replay={replay} duration={duration} live={running} />}
          {notice && (
            <p role="alert" className="absolute inset-x-3 top-14 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 shadow dark:border-red-800 dark:bg-red-950 dark:text-red-100">
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
          {...(running || replay.at !== null ? {} : { onRetried: follow })}
          className="lg:max-h-[760px]"
        />
      </div>
      <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-2">
        <ReportPanel state={state} onCite={onCite} stale={isStale(state)} />
        <div className="min-w-0 lg:sticky lg:top-4">
          <DocumentViewer
            document={doc}
            highlight={highlight}
            highlightNonce={highlightNonce}
            onClear={clearHighlight}
            {...(citedFrom || reopenId ? { onBack: backToCitation } : {})}
          />
        </div>
      </div>
    </div>
  );
}

/** The note of the latest re-plan, so the review card can say the plan shown answers it. */
/** The latest re-plan: the person's note, and the plan it replaced (as it stood, edits included). */
function lastReplan(events: readonly RunEvent[]): { note: string; previous?: readonly PlanTask[] } | undefined {
  const index = events.findLastIndex((e) => e.type === "plan-replan");
  const event = events[index];
  if (event?.type !== "plan-replan") return undefined;
  const previous = reduceRun(events.slice(0, index)).plan?.tasks;
  return { note: event.note, ...(previous ? { previous } : {}) };
}
