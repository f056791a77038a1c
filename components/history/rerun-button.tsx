"use client";

import { useTransition } from "react";
import { rerunAction } from "@/app/actions";
import { Button } from "@/components/ui/button";

/** Starts the same request on the same document again; the action redirects to the new run. */
export function RerunButton({ runId, label }: { runId: string; label: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button size="sm" onClick={() => startTransition(() => rerunAction(runId))} disabled={pending} aria-label={`Run again on ${label}`}>
      {pending ? "Starting…" : "Re-run"}
    </Button>
  );
}
