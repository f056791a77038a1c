import type { RunEvent } from "../engine/events";
import { addUsage, ZERO_USAGE, type Usage } from "../engine/usage";

/**
 * What `RunState` does not keep but the orchestrator and synthesis nodes show: when planning
 * ended, when synthesis started and ended, and the usage of each of those two steps.
 */
export type PhaseTimes = {
  lastSeq: number;
  /** When the latest event happened: a "now" that server and browser agree on before the clock ticks. */
  lastEventAt?: string;
  planEndedAt?: string;
  planUsage: Usage;
  synthesisStartedAt?: string;
  synthesisEndedAt?: string;
  synthesisUsage: Usage;
};

export const INITIAL_PHASE_TIMES: PhaseTimes = { lastSeq: 0, planUsage: ZERO_USAGE, synthesisUsage: ZERO_USAGE };

/** Like `applyEvent`: immutable, and events already seen are ignored. */
export function applyPhaseEvent(phases: PhaseTimes, event: RunEvent): PhaseTimes {
  if (event.seq <= phases.lastSeq) return phases;
  const next = { ...phases, lastSeq: event.seq, lastEventAt: event.at };
  switch (event.type) {
    case "plan-end":
      return { ...next, planEndedAt: event.at, planUsage: addUsage(next.planUsage, event.usage) };
    case "synthesis-start":
      return { ...next, synthesisStartedAt: event.at, synthesisEndedAt: undefined };
    case "synthesis-end":
      return { ...next, synthesisEndedAt: event.at, synthesisUsage: addUsage(next.synthesisUsage, event.usage) };
    default:
      return next;
  }
}

export function reducePhases(events: readonly RunEvent[]): PhaseTimes {
  return events.reduce(applyPhaseEvent, INITIAL_PHASE_TIMES);
}
