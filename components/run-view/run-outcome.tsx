import type { RunState } from "@/lib/engine/run-state";
import { ErrorCallout } from "@/components/run-panel/error-callout";

/** Why a run stopped early, right under the progress bar where the eye already is. */
export function RunOutcome({ state }: { state: RunState }) {
  if (state.status === "failed" && state.error) {
    const title = state.error.code === "budget_exceeded" ? "The run stopped at its budget; what finished is kept below" : "The run failed";
    return <ErrorCallout error={state.error} title={title} />;
  }
  if (state.status === "canceled") {
    return (
      <p role="status" className="rounded-md border border-slate-300 bg-slate-100 p-2 text-sm dark:border-slate-700 dark:bg-slate-800">
        The run was canceled{state.cancelReason ? `: ${state.cancelReason}` : "."}
      </p>
    );
  }
  return null;
}
