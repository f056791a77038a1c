import type { RunEvent } from "@/lib/engine/events";
import { applyEvent, initialRunState } from "@/lib/engine/reduce-run";
import type { RunState } from "@/lib/engine/run-state";
import { applyPhaseEvent, INITIAL_PHASE_TIMES, type PhaseTimes } from "@/lib/graph";

/** The run as the live view knows it: the shared `RunState` plus the phase timings the graph shows. */
export type LiveRun = { state: RunState; phases: PhaseTimes };

export function initialLiveRun(runId: string): LiveRun {
  return { state: initialRunState(runId), phases: INITIAL_PHASE_TIMES };
}

export function applyLiveEvent(live: LiveRun, event: RunEvent): LiveRun {
  const state = applyEvent(live.state, event);
  if (state === live.state) return live; // already applied (a replayed or duplicated frame)
  return { state, phases: applyPhaseEvent(live.phases, event) };
}

export function reduceLiveRun(runId: string, events: readonly RunEvent[]): LiveRun {
  return events.reduce(applyLiveEvent, initialLiveRun(runId));
}
