"use client";

import { useState } from "react";
import { CATALOGUE } from "@/lib/engine/catalogue";
import { CUSTOM_WORKER, type PlanTask, type Priority } from "@/lib/engine/plan";
import type { PlanIssue } from "@/lib/engine/validate-plan";

// 16 px text on phones: mobile Safari zooms the page into any field with smaller text when it gets focus.
const field =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-base sm:text-sm dark:border-slate-600 dark:bg-slate-900 aria-invalid:border-red-500";
const PRIORITIES: Priority[] = ["high", "medium", "low"];

type Props = {
  task: PlanTask;
  /** Ids of the plan's other tasks, for dependencies. */
  others: string[];
  issues: PlanIssue[];
  /** A task that already ran cannot change. */
  locked: boolean;
  /** Focus the description when the editor appears (a task just added). */
  focusOnMount?: boolean;
  /** A task the person added (not in the stored plan): its id can be changed. */
  renamable: boolean;
  onChange: (task: PlanTask) => void;
  /** Renames the task (and every dependency on it); answers why not when the id is taken. */
  onRename: (id: string) => string | undefined;
  onRemove: () => void;
};

/** One task of a plan under review: description, focus, worker (from the catalogue), priority, dependencies. */
export function PlanTaskEditor({ task, others, issues, locked, focusOnMount, renamable, onChange, onRename, onRemove }: Props) {
  const id = `edit-${task.id}`;
  const set = (patch: Partial<PlanTask>) => onChange({ ...task, ...patch });
  const invalid = issues.length > 0 || undefined;
  const addable = others.filter((o) => !task.dependsOn.includes(o));
  return (
    <li data-edit-task={task.id} data-invalid={invalid} className={`rounded-lg border p-3 ${invalid ? "border-red-400 dark:border-red-700" : "border-slate-200 dark:border-slate-700"}`}>
      <div className="mb-2 flex items-center justify-between gap-2">
        {renamable ? <TaskIdField id={task.id} onRename={onRename} /> : <span className="font-mono text-xs font-semibold">{task.id}</span>}
        {locked ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">Already ran — kept as it is</span>
        ) : (
          <button type="button" onClick={onRemove} className="-my-1 min-h-7 rounded px-2 text-xs text-red-700 underline hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950" aria-label={`Remove task ${task.id}`}>
            Remove
          </button>
        )}
      </div>
      <fieldset disabled={locked} className="grid gap-2 sm:grid-cols-2">
        <label className="text-xs sm:col-span-2">
          Description
          <textarea aria-label={`Description of ${task.id}`} autoFocus={focusOnMount} className={field} rows={2} value={task.description} onChange={(e) => set({ description: e.target.value })} aria-invalid={invalid} />
        </label>
        <label className="text-xs sm:col-span-2">
          Focus
          <input aria-label={`Focus of ${task.id}`} className={field} value={task.focus} onChange={(e) => set({ focus: e.target.value })} />
        </label>
        <label className="text-xs">
          Worker
          <select aria-label={`Worker of ${task.id}`} className={field} value={task.worker} onChange={(e) => set({ worker: e.target.value })}>
            {CATALOGUE.map((w) => (
              <option key={w.name} value={w.name}>
                {w.title} ({w.name})
              </option>
            ))}
            <option value={CUSTOM_WORKER}>Custom ({CUSTOM_WORKER})</option>
          </select>
        </label>
        <label className="text-xs">
          Priority
          <select aria-label={`Priority of ${task.id}`} className={field} value={task.priority} onChange={(e) => set({ priority: e.target.value as Priority })}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <div className="text-xs sm:col-span-2">
          <span>Runs after</span>
          <ul className="mt-1 flex flex-wrap gap-1">
            {task.dependsOn.length === 0 && <li className="text-slate-500 dark:text-slate-400">nothing (starts at once)</li>}
            {task.dependsOn.map((dep) => (
              <li key={dep} className="flex items-center gap-0.5 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-0.5 font-mono dark:bg-slate-800">
                {dep}
                {!locked && (
                  // 28 px square: a finger must hit it on a phone (WCAG 2.2 asks at least 24 px).
                  <button
                    type="button"
                    aria-label={`Remove dependency ${dep} → ${task.id}`}
                    className="inline-flex size-7 items-center justify-center rounded-full text-base leading-none text-slate-600 hover:bg-slate-200 hover:text-red-700 dark:text-slate-300 dark:hover:bg-slate-700 dark:hover:text-red-300"
                    onClick={() => set({ dependsOn: task.dependsOn.filter((d) => d !== dep) })}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!locked && addable.length > 0 && (
            <select
              aria-label={`Add a dependency to ${task.id}`}
              className={`${field} mt-1`}
              value=""
              onChange={(e) => e.target.value && set({ dependsOn: [...task.dependsOn, e.target.value] })}
            >
              <option value="">Add a task it waits for…</option>
              {addable.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          )}
        </div>
      </fieldset>
      {issues.length > 0 && (
        <ul id={`${id}-issues`} className="mt-2 list-disc pl-5 text-xs text-red-700 dark:text-red-300" role="alert">
          {issues.map((i) => (
            <li key={i.message}>{i.message}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The id of a task the person added, editable. It is applied when the field is left or Enter is
 * pressed — not per keystroke, since a rename rewrites every dependency on the task. A taken id
 * is refused here (renaming onto another task would merge their dependencies); a malformed one
 * goes to the validator like any other fault.
 */
function TaskIdField({ id, onRename }: { id: string; onRename: (id: string) => string | undefined }) {
  const [value, setValue] = useState(id);
  const [seen, setSeen] = useState(id);
  const [refusal, setRefusal] = useState<string>();
  // The id changed from outside (the worker changed an id still derived from it): show it.
  if (seen !== id) {
    setSeen(id);
    setValue(id);
  }
  const commit = () => {
    const next = value.trim();
    if (next === id) return setValue(id);
    const refused = onRename(next);
    setRefusal(refused);
    if (refused) setValue(id);
  };
  return (
    <div className="min-w-0 flex-1">
      <label className="flex items-center gap-2 text-xs">
        Id
        <input
          aria-label={`Id of ${id}`}
          className={`${field} max-w-56 font-mono`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
        />
      </label>
      {refusal && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {refusal}
        </p>
      )}
    </div>
  );
}
