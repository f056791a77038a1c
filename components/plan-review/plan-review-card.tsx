"use client";

import { useState, useTransition } from "react";
import { approvePlanAction, discardPlanAction, replanAction, savePlanAction, type ReviewResult } from "@/app/review-actions";
import { Button } from "@/components/ui/button";
import { describePlanChanges } from "@/lib/compare/describe-plan-changes";
import type { PlanTask } from "@/lib/engine/plan";
import { newTaskId } from "@/lib/engine/plan-edits";
import type { RunState } from "@/lib/engine/run-state";
import type { PlanIssue } from "@/lib/engine/validate-plan";
import { PlanTaskEditor } from "./plan-task-editor";
import type { PlanDraft } from "./use-plan-draft";

type Props = {
  runId: string;
  state: RunState;
  draft: PlanDraft;
  /** The latest re-plan: the plan shown is the orchestrator's answer to its note; `previous` is the plan it replaced. */
  replan?: { note: string; previous?: readonly PlanTask[] } | undefined;
};

/**
 * The controls of a run awaiting approval: the plan's tasks to edit (every edit validated live,
 * the reason shown on the task), then "Run this plan", "Re-plan" with a note, or "Discard".
 */
export function PlanReviewCard({ runId, state, draft, replan }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ReviewResult>({});
  const [note, setNote] = useState("");
  const [replanning, setReplanning] = useState(false);
  const issues: PlanIssue[] = draft.dirty ? draft.issues : (result.issues ?? []);
  const general = issues.filter((i) => !i.taskIds?.length);
  const locked = (id: string) => (state.tasks[id]?.status ?? "pending") !== "pending";
  const extension = state.unapproved.length > 0;

  const run = (work: () => Promise<ReviewResult>, after?: () => void) =>
    startTransition(async () => {
      const r = await work();
      setResult(r);
      if (!r.error) after?.();
    });
  const stored = new Set(state.plan?.tasks.map((t) => t.id));
  // Editors keep their key when a task is renamed, so the field being typed in keeps the focus.
  const [keys, setKeys] = useState<ReadonlyMap<string, string>>(new Map());
  const keyOf = (id: string) => keys.get(id) ?? id;
  /** The tasks with `from` renamed to `to`, dependencies on it included. */
  const renamed = (tasks: PlanTask[], from: string, to: string) => {
    setKeys((k) => new Map(k).set(to, k.get(from) ?? from));
    return tasks.map((t) => ({ ...t, id: t.id === from ? to : t.id, dependsOn: t.dependsOn.map((d) => (d === from ? to : d)) }));
  };
  const update = (id: string, next: PlanTask) => {
    const before = draft.tasks.find((t) => t.id === id);
    const others = draft.tasks.filter((t) => t.id !== id);
    const replaced = draft.tasks.map((t) => (t.id === id ? next : t));
    // An added task whose id still comes from its worker follows a change of worker.
    const follows = before && !stored.has(id) && next.worker !== before.worker && id === newTaskId(before.worker, others);
    const tasks = follows ? renamed(replaced, id, newTaskId(next.worker, others)) : replaced;
    draft.setTasks(() => tasks);
  };
  const renameTask = (from: string, to: string): string | undefined => {
    if (draft.tasks.some((t) => t.id === to)) return `“${to}” is already the id of another task.`;
    const tasks = renamed(draft.tasks, from, to);
    draft.setTasks(() => tasks);
    return undefined;
  };
  const remove = (id: string) => draft.setTasks((tasks) => tasks.filter((t) => t.id !== id).map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => d !== id) })));
  const [added, setAdded] = useState<string>();
  const add = () => {
    const worker = "summarizer";
    const id = newTaskId(worker, draft.tasks);
    setAdded(id);
    draft.setTasks((tasks) => [...tasks, { id, worker, description: "Describe what this task must deliver", focus: "", dependsOn: [], priority: "medium" }]);
  };

  return (
    <section aria-labelledby="review-heading" className="rounded-xl border border-amber-300 bg-amber-50/60 p-4 dark:border-amber-700 dark:bg-amber-950/30">
      <h2 id="review-heading" className="text-base font-semibold">
        {extension ? "Tasks were added to the plan — they wait for your approval" : "Review the plan before it runs"}
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        Nothing runs until you decide. Edit the tasks here — pick what a task waits for under “Runs after”, remove a dependency with its × — or on
        the graph: drag from one task to another to add a dependency, select one and press Delete to remove it.
      </p>
      {replan !== undefined && !extension && (
        <p role="status" className="mt-2 text-sm text-slate-700 dark:text-slate-300" data-testid="replan-note">
          Planned again with your note: “{replan.note}”
          {replan.previous && (
            <span className="block" data-testid="replan-changes">
              {describePlanChanges(replan.previous, state.proposedPlan?.tasks ?? state.plan?.tasks ?? [])}
            </span>
          )}
        </p>
      )}
      {general.length > 0 && (
        <ul role="alert" className="mt-2 list-disc pl-5 text-sm text-red-700 dark:text-red-300">
          {general.map((i) => (
            <li key={i.message}>{i.message}</li>
          ))}
        </ul>
      )}
      <ul className="mt-3 grid gap-2 md:grid-cols-2">
        {draft.tasks.map((task) => (
          <PlanTaskEditor
            key={keyOf(task.id)}
            task={task}
            others={draft.tasks.filter((t) => t.id !== task.id).map((t) => t.id)}
            issues={issues.filter((i) => i.taskIds?.includes(task.id))}
            locked={locked(task.id)}
            focusOnMount={task.id === added}
            renamable={!stored.has(task.id)}
            onChange={(next) => update(task.id, next)}
            onRename={(to) => renameTask(task.id, to)}
            onRemove={() => remove(task.id)}
          />
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={add} disabled={pending}>
          Add a task
        </Button>
        {draft.dirty && (
          <>
            <Button size="sm" onClick={() => run(() => savePlanAction(runId, draft.tasks), draft.reset)} disabled={pending || draft.issues.length > 0}>
              Save edits
            </Button>
            <Button size="sm" variant="ghost" onClick={draft.reset} disabled={pending}>
              Undo edits
            </Button>
          </>
        )}
      </div>
      {result.error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
          {result.error}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-start gap-2 border-t border-amber-200 pt-3 dark:border-amber-800">
        <Button variant="primary" onClick={() => run(() => approvePlanAction(runId, draft.dirty ? draft.tasks : undefined), draft.reset)} disabled={pending || issues.length > 0}>
          Run this plan
        </Button>
        {!extension && (
          <Button onClick={() => setReplanning((r) => !r)} disabled={pending} aria-expanded={replanning}>
            Re-plan…
          </Button>
        )}
        <Button variant="danger" onClick={() => run(() => discardPlanAction(runId))} disabled={pending}>
          Discard
        </Button>
      </div>
      {replanning && (
        <form
          className="mt-3 flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => replanAction(runId, note), () => {
              setReplanning(false);
              setNote("");
              draft.reset();
            });
          }}
        >
          <label htmlFor="replan-note" className="text-sm font-medium">
            What should the new plan change?
          </label>
          <textarea id="replan-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={4000} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900" />
          <div>
            <Button type="submit" size="sm" disabled={pending || !note.trim()}>
              Ask the orchestrator again
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
