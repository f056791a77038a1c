"use client";

import { useState, useTransition } from "react";
import { retryTaskAction } from "@/app/actions";
import { Button } from "@/components/ui/button";

type Props = { runId: string; taskId: string; description: string; onRetried: () => void };

/**
 * Re-runs one task of a finished run — optionally with an edited description — and the tasks
 * that depend on it; every other output is reused and the report is synthesised again.
 */
export function RetryTaskForm({ runId, taskId, description, onRetried }: Props) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(description);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      setError(null);
      const result = await retryTaskAction(runId, taskId, text.trim() === description.trim() ? undefined : text);
      if (result.error) setError(result.error);
      else {
        setEditing(false);
        onRetried();
      }
    });

  if (!editing) {
    return (
      <Button size="sm" onClick={() => setEditing(true)}>
        Re-run this task…
      </Button>
    );
  }
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`retry-${taskId}`} className="text-xs font-medium">
        Description for the new attempt (its dependents run again too)
      </label>
      <textarea
        id={`retry-${taskId}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="primary" disabled={pending || text.trim() === ""}>
          {pending ? "Starting…" : "Re-run"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setEditing(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
