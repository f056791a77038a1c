"use client";

import { findWorker } from "@/lib/engine/catalogue";
import type { Citation } from "@/lib/engine/findings";
import type { TaskState } from "@/lib/engine/run-state";
import { taskNodeId } from "@/lib/graph";
import { StatusBadge } from "@/components/ui/status-badge";
import { TASK_STATUS_META } from "@/components/ui/status-meta";
import { FindingCard } from "@/components/report/finding-card";
import { AttemptsList } from "./attempts-list";
import { EarlierRounds } from "./earlier-rounds";
import { StepInputsView } from "./step-inputs-view";
import { DetailSection } from "./detail-section";
import { ErrorCallout } from "./error-callout";
import { RetryTaskForm } from "./retry-task-form";
import { TaskOutput } from "./task-output";
import { UsageSummary } from "./usage-summary";

type Props = {
  task: TaskState;
  now: number;
  onCite: (citation: Citation) => void;
  onSelectNode: (nodeId: string) => void;
  /** The backend meters tokens (not offline): show usage and cost. */
  metered: boolean;
  /** Set when the run is over: the task can be re-run. */
  retry?: { runId: string; onRetried: () => void };
};

export function TaskDetails({ task, now, onCite, onSelectNode, metered, retry }: Props) {
  const { task: plan } = task;
  const worker = findWorker(plan.worker);
  return (
    <div className="flex flex-col gap-3">
      <header>
        <p className="text-xs text-slate-500 dark:text-slate-400">Task · {plan.priority} priority</p>
        <h2 id="node-panel-title" className="break-words text-base font-semibold">
          {plan.id}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {worker?.title ?? plan.worker} <span className="text-xs text-slate-500 dark:text-slate-400">({plan.worker})</span>
        </p>
        <StatusBadge meta={TASK_STATUS_META[task.status]} size="md" className="mt-2" />
      </header>
      {retry && <RetryTaskForm key={`${plan.id}:${task.attempts.length}`} runId={retry.runId} taskId={plan.id} description={plan.description} onRetried={retry.onRetried} />}
      <DetailSection title="Description">
        <p className="text-sm">{plan.description}</p>
      </DetailSection>
      {plan.focus && (
        <DetailSection title="Focus">
          <p className="text-sm">{plan.focus}</p>
        </DetailSection>
      )}
      <DetailSection title="Depends on">
        {plan.dependsOn.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">Nothing: starts as soon as the plan is ready.</p>
        ) : (
          <ul className="flex flex-wrap gap-1.5">
            {plan.dependsOn.map((dep) => (
              <li key={dep}>
                <button
                  type="button"
                  onClick={() => onSelectNode(taskNodeId(dep))}
                  className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand dark:border-slate-600 dark:hover:bg-slate-800"
                >
                  {dep}
                </button>
              </li>
            ))}
          </ul>
        )}
      </DetailSection>
      <DetailSection title={`What it was given${task.attempts.length > 1 ? ` (attempt ${task.attempts.at(-1)?.attempt})` : ""}`}>
        <StepInputsView inputs={task.attempts.at(-1)?.inputs} label="task" />
      </DetailSection>
      {task.skipReason && (
        <p className="rounded-md border border-slate-300 bg-slate-50 p-2 text-sm dark:border-slate-700 dark:bg-slate-800">Skipped: {task.skipReason}</p>
      )}
      {task.error && <ErrorCallout error={task.error} title="The task failed" />}
      <DetailSection title="Output">
        <TaskOutput task={task} />
        {task.output && task.output.errors.length > 0 && (
          <ul className="mt-2 list-disc pl-4 text-xs text-status-partial dark:text-status-partial-dark">
            {task.output.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </DetailSection>
      {task.output && (
        <DetailSection title={`Findings (${task.output.findings.length})`}>
          <div className="flex flex-col gap-2">
            {task.output.findings.map((f, i) => (
              <FindingCard key={`${f.title}-${i}`} finding={f} onCite={onCite} showTask={false} />
            ))}
            {task.output.findings.length === 0 && <p className="text-xs text-slate-500">None.</p>}
          </div>
        </DetailSection>
      )}
      <DetailSection title="Attempts">
        <AttemptsList attempts={task.attempts} now={now} metered={metered} />
      </DetailSection>
      {task.earlierOutputs.length > 0 && (
        <DetailSection title={`Earlier rounds (${task.earlierOutputs.length})`}>
          <EarlierRounds earlier={task.earlierOutputs} current={task.output} />
        </DetailSection>
      )}
      {metered && (
        <DetailSection title="Usage (all attempts)">
          <UsageSummary usage={task.usage} />
        </DetailSection>
      )}
    </div>
  );
}
