"use client";

import { useCallback, useEffect, useRef } from "react";
import type { Citation } from "@/lib/engine/findings";
import { isMetered, ORCHESTRATOR_NODE_ID, SYNTHESIS_NODE_ID } from "@/lib/graph";
import { nodeButtonSelector } from "@/components/run-graph/node-selection-context";
import { OrchestratorDetails } from "./orchestrator-details";
import { SynthesisDetails } from "./synthesis-details";
import { TaskDetails } from "./task-details";
import type { RunState } from "@/lib/engine/run-state";

type Props = {
  selectedId: string | null;
  state: RunState;
  now: number;
  onClose: () => void;
  onSelectNode: (nodeId: string) => void;
  onCite: (citation: Citation) => void;
  /** Present when the run is over, so a task can be re-run. */
  onRetried?: () => void;
  className?: string;
};

/** On narrow screens the open panel is a bottom sheet over the page; closed, it takes no room. */
const SHEET = "max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-40 max-lg:max-h-[70vh] max-lg:rounded-b-none max-lg:border-x-0 max-lg:border-b-0 max-lg:shadow-2xl";

/**
 * Details of the selected node, beside the canvas on wide screens and a bottom sheet on narrow
 * ones; hidden while nothing is selected (the graph keeps its layout either way: it is laid out
 * for the width without the panel). Esc closes it and returns focus to the node.
 */
export function NodePanel({ selectedId, state, now, onClose, onSelectNode, onCite, onRetried, className = "" }: Props) {
  const panelRef = useRef<HTMLElement>(null);

  // Closing returns focus to the node that opened the panel, whether by button or by Esc.
  const closeAndRefocus = useCallback(() => {
    onClose();
    if (selectedId) document.querySelector<HTMLElement>(nodeButtonSelector(selectedId))?.focus();
  }, [onClose, selectedId]);

  useEffect(() => {
    if (selectedId === null) return;
    const panel = panelRef.current;
    // Beside the canvas (wide screens) or as a bottom sheet (narrow ones) the panel is in view already.
    panel?.focus({ preventScroll: true });
    panel?.scrollTo({ top: 0 });
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.isComposing) return;
      // Esc in a text field belongs to the field (e.g. the re-run description), not to the panel.
      if (event.target instanceof HTMLElement && event.target.closest("textarea, input, select")) return;
      closeAndRefocus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [selectedId, closeAndRefocus]);

  const content = panelContent({ selectedId, state, now, onSelectNode, onCite, ...(onRetried ? { onRetried } : {}) });
  return (
    <aside
      id="node-panel"
      ref={panelRef}
      tabIndex={-1}
      aria-labelledby={content ? "node-panel-title" : undefined}
      aria-label={content ? undefined : "Step details"}
      className={`${content ? SHEET : "hidden"} relative overflow-y-auto rounded-xl border border-slate-200 bg-white p-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      {content ? (
        <>
          <button
            type="button"
            onClick={closeAndRefocus}
            aria-label="Close details (Esc)"
            className="absolute right-2 top-2 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand dark:hover:bg-slate-800 dark:hover:text-slate-100"
          >
            <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </button>
          {content}
        </>
      ) : (
        <div className="flex h-full flex-col items-center justify-center gap-1 text-center text-sm text-slate-500 dark:text-slate-400">
          <p className="font-medium text-slate-700 dark:text-slate-200">No step selected</p>
          <p>Click a node in the graph, or Tab to it and press Enter, to see its description, output, findings and errors.</p>
        </div>
      )}
    </aside>
  );
}

function panelContent(input: Omit<Props, "onClose" | "className">) {
  const { selectedId, state, now, onSelectNode, onCite, onRetried } = input;
  if (selectedId === null) return null;
  if (selectedId === ORCHESTRATOR_NODE_ID) return <OrchestratorDetails state={state} onSelectNode={onSelectNode} />;
  if (selectedId === SYNTHESIS_NODE_ID) return <SynthesisDetails state={state} onCite={onCite} />;
  const task = state.tasks[selectedId.replace(/^task:/, "")];
  if (!task) return null;
  const retry = onRetried ? { runId: state.runId, onRetried } : undefined;
  return <TaskDetails task={task} now={now} onCite={onCite} onSelectNode={onSelectNode} metered={isMetered(state)} {...(retry ? { retry } : {})} />;
}
