"use client";

import { useState, useTransition } from "react";
import { cancelRunAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { isActionFailure } from "@/lib/server/action-failure";

/** Asks the server to abort the run; the run-cancel event then arrives through the live stream. */
export function CancelRunButton({ runId }: { runId: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const cancel = () =>
    startTransition(async () => {
      try {
        const result = await cancelRunAction(runId);
        if (isActionFailure(result)) setMessage(result.error);
        else setMessage(result.canceled ? "Canceling…" : "The run had already finished.");
      } catch {
        setMessage("Could not cancel the run. Try again.");
      }
    });
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="danger" size="sm" onClick={cancel} disabled={pending || message === "Canceling…"}>
        {pending || message === "Canceling…" ? "Canceling…" : "Cancel run"}
      </Button>
      {message && (
        <span role="status" className="text-xs text-slate-600 dark:text-slate-300">
          {message}
        </span>
      )}
    </span>
  );
}
