import type { RunState } from "@/lib/engine/run-state";
import { ErrorCallout } from "@/components/run-panel/error-callout";

/** Why a run stopped early, right under the progress bar where the eye already is. */
export function RunOutcome({ state }: { state: RunState }) {
  if (state.status === "failed" && state.error) return <ErrorCallout error={state.error} title="The run failed" />;
  if (state.status === "canceled") {
    return (
      <p role="status" className="rounded-md border border-slate-300 bg-slate-100 p-2 text-sm dark:border-slate-700 dark:bg-slate-800">
        The run was canceled{state.cancelReason ? `: ${state.cancelReason}` : "."}
      </p>
    );
  }
  return null;
}
