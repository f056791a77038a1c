"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { deleteRunAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { isActionFailure } from "@/lib/server/action-failure";

/** Deletes a run and its events after the user confirms; the list then refreshes. */
export function DeleteRunButton({ runId, label }: { runId: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const onClick = () => {
    if (!window.confirm(`Delete the run on "${label}"? Its events and report are removed for good.`)) return;
    startTransition(async () => {
      try {
        const result = await deleteRunAction(runId);
        if (isActionFailure(result)) window.alert(`Could not delete the run: ${result.error}`);
      } catch {
        window.alert("Could not delete the run. Try again.");
      }
      router.refresh();
    });
  };
  return (
    <Button variant="danger" size="sm" onClick={onClick} disabled={pending} aria-label={`Delete run on ${label}`}>
      {pending ? "Deleting…" : "Delete"}
    </Button>
  );
}
