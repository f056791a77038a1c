"use client";

import type { RunState } from "@/lib/engine/run-state";
import { orchestratorStatus, isMetered } from "@/lib/graph";
import { EngineBadge } from "@/components/ui/engine-badge";
import { Markdown } from "@/components/ui/markdown";
import { StatusBadge } from "@/components/ui/status-badge";
import { TASK_STATUS_META } from "@/components/ui/status-meta";
import { DetailSection } from "./detail-section";
import { ErrorCallout } from "./error-callout";
import { PlanHistory } from "./plan-history";
import { PlanTaskList } from "./plan-task-list";
import { UsageSummary } from "./usage-summary";

type Props = { state: RunState; onSelectNode: (nodeId: string) => void };

export function OrchestratorDetails({ state, onSelectNode }: Props) {
  const { plan } = state;
  return (
    <div className="flex flex-col gap-3">
      <header>
        <p className="text-xs text-slate-500 dark:text-slate-400">Plans the work and hands it to workers</p>
        <h2 id="node-panel-title" className="text-base font-semibold">
          Orchestrator
        </h2>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <StatusBadge meta={TASK_STATUS_META[orchestratorStatus(state)]} size="md" />
          <EngineBadge backend={state.backend} />
        </div>
        {state.models && state.backend !== "offline" && (
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            Plans with {state.models.orchestrator}, works with {state.models.worker}
          </p>
        )}
      </header>
      <DetailSection title="Request">
        <p className="whitespace-pre-wrap text-sm">{state.request || "—"}</p>
      </DetailSection>
      {!plan && state.error && <ErrorCallout error={state.error} title="Planning failed" />}
      {!plan && state.planText && (
        <DetailSection title="Thinking">
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-800">{state.planText}</pre>
        </DetailSection>
      )}
      {plan && (
        <>
          <DetailSection title="Analysis">
            <Markdown source={plan.analysis} />
          </DetailSection>
          {state.planReasoning && (
            <DetailSection title="Reasoning summary">
              <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">The model&apos;s summary of its thinking before it planned (not part of the plan).</p>
              <p className="max-h-48 overflow-auto whitespace-pre-wrap text-sm">{state.planReasoning}</p>
            </DetailSection>
          )}
          <DetailSection title={plan.mode === "direct" ? "Plan: answer directly" : `Plan: ${plan.tasks.length} tasks`}>
            {state.planRepaired && (
              <p className="mb-2 text-xs text-status-partial dark:text-status-partial-dark">The first plan was invalid and was repaired once.</p>
            )}
            {plan.mode === "direct" ? (
              <p className="text-sm">The request was simple enough to answer without workers; the answer is the report.</p>
            ) : (
              <PlanTaskList tasks={plan.tasks} onSelectNode={onSelectNode} />
            )}
          </DetailSection>
          <PlanHistory state={state} />
        </>
      )}
      {state.limits && (
        <DetailSection title="Limits">
          <p className="text-xs text-slate-600 dark:text-slate-300">
            Up to {state.limits.maxTasks} tasks, {state.limits.concurrency} at a time, {Math.round(state.limits.taskTimeoutMs / 1000)} s per attempt,{" "}
            {state.limits.maxAttempts} attempts.
          </p>
        </DetailSection>
      )}
      {isMetered(state) && (
        <DetailSection title="Planning usage">
          <UsageSummary usage={state.planUsage} />
        </DetailSection>
      )}
    </div>
  );
}
