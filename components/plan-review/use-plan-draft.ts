"use client";

import { useMemo, useState } from "react";
import type { PlanTask } from "@/lib/engine/plan";
import { checkPlanEdit } from "@/lib/engine/plan-edits";
import { applyEvent } from "@/lib/engine/reduce-run";
import type { RunState } from "@/lib/engine/run-state";
import type { PlanIssue } from "@/lib/engine/validate-plan";

export type PlanDraft = {
  /** The tasks as the person is editing them (the stored plan until they change something). */
  tasks: PlanTask[];
  setTasks: (update: (tasks: PlanTask[]) => PlanTask[]) => void;
  reset: () => void;
  dirty: boolean;
  /** The validator's faults of the draft, live (the same checks the server runs). */
  issues: PlanIssue[];
  /** The run as it will be once the draft is saved: what the graph draws while editing. */
  preview: RunState;
};

/**
 * The editable copy of a plan awaiting approval, shared by the graph and the panel. The preview
 * is the reducer's own result for the edit (a `plan-edit` applied to the state), so what the
 * person sees is exactly what will be stored. The draft follows the stored plan when it changes
 * (a save, a re-plan, an extension) unless the person has unsaved edits.
 */
export function usePlanDraft(state: RunState): PlanDraft {
  const stored = useMemo(() => state.plan?.tasks ?? [], [state.plan]);
  const [edit, setEdit] = useState<{ base: readonly PlanTask[]; tasks: PlanTask[] } | null>(null);
  // An edit made against an older stored plan is dropped when the plan changes under it.
  const tasks = useMemo(() => (edit && edit.base === stored ? edit.tasks : [...stored]), [edit, stored]);
  const dirty = edit !== null && edit.base === stored;
  const awaiting = state.status === "awaiting-approval" && state.plan !== undefined;

  const issues = useMemo(() => {
    if (!awaiting || !dirty) return [];
    const check = checkPlanEdit(state, tasks);
    return check.ok ? [] : check.issues;
  }, [awaiting, dirty, state, tasks]);

  const preview = useMemo(() => {
    if (!awaiting || !dirty || !state.plan) return state;
    const at = state.lastEventAt ?? new Date(0).toISOString();
    return applyEvent(state, { type: "plan-edit", plan: { ...state.plan, tasks }, by: "preview", runId: state.runId, seq: state.lastSeq + 1, at });
  }, [awaiting, dirty, state, tasks]);

  return {
    tasks,
    setTasks: (update) => setEdit({ base: stored, tasks: update(tasks) }),
    reset: () => setEdit(null),
    dirty,
    issues,
    preview,
  };
}
