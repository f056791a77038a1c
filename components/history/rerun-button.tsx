"use client";

import { isRedirectError } from "next/dist/client/components/redirect-error";
import { useState, useTransition } from "react";
import { rerunAction } from "@/app/actions";
import { Button } from "@/components/ui/button";

/** Starts the same request on the same document again; the action redirects to the new run. */
export function RerunButton({ runId, label }: { runId: string; label: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const rerun = () =>
    startTransition(async () => {
      setError(null);
      try {
        // It redirects to the new run; an answer is a refusal (e.g. the run was deleted meanwhile).
        const refused = await rerunAction(runId);
        setError(`Could not start it again: ${refused.error}`);
      } catch (e) {
        if (isRedirectError(e)) throw e; // the redirect to the new run
        setError("Could not start it again: the run may have been deleted.");
      }
    });
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" onClick={rerun} disabled={pending} aria-label={`Re-run on ${label}`}>
        {pending ? "Starting…" : "Re-run"}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}
