"use client";

import type { RunState } from "@/lib/engine/run-state";
import { formatDate } from "@/components/ui/format";
import { DetailSection } from "./detail-section";

/**
 * How the plan came to be: the orchestrator's proposal, the person's edits (who, when, what
 * changed in the task list), and tasks added during the run because a worker asked for more.
 */
export function PlanHistory({ state }: { state: RunState }) {
  const proposed = state.proposedPlan?.tasks ?? [];
  const current = state.plan?.tasks ?? [];
  const extended = new Set(state.extensions.flatMap((e) => e.taskIds));
  const removed = proposed.filter((p) => !current.some((t) => t.id === p.id));
  const addedByPerson = current.filter((t) => !proposed.some((p) => p.id === t.id) && !extended.has(t.id));
  const changed = current.filter((t) => {
    const p = proposed.find((x) => x.id === t.id);
    return p && JSON.stringify(p) !== JSON.stringify(t);
  });
  if (state.planEdits.length === 0 && state.extensions.length === 0) return null;
  return (
    <DetailSection title="How the plan changed">
      <ul className="flex list-disc flex-col gap-1 pl-4 text-xs text-slate-700 dark:text-slate-300">
        {state.planEdits.map((e, i) => (
          <li key={`edit-${i}`}>
            Edited by {e.by} on {formatDate(e.at)}
          </li>
        ))}
        {state.planEdits.length > 0 && (
          <li>
            The orchestrator proposed {proposed.length} {proposed.length === 1 ? "task" : "tasks"}
            {changed.length > 0 && `; changed: ${changed.map((t) => t.id).join(", ")}`}
            {removed.length > 0 && `; removed: ${removed.map((t) => t.id).join(", ")}`}
            {addedByPerson.length > 0 && `; added: ${addedByPerson.map((t) => t.id).join(", ")}`}.
          </li>
        )}
        {state.extensions.map((e, i) => (
          <li key={`ext-${i}`}>
            {e.outcome === "added" ? `Added ${e.taskIds.join(", ")}: ${e.reason}` : `Not extended (${e.cause ?? "refused"}): ${e.reason}`}{" "}
            <span className="text-slate-500 dark:text-slate-400">— {e.requestedBy} asked: “{e.request}”</span>
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}
