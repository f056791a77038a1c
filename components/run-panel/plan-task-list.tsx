import { findWorker } from "@/lib/engine/catalogue";
import type { PlanTask } from "@/lib/engine/plan";
import { taskNodeId } from "@/lib/graph";

type Props = { tasks: readonly PlanTask[]; onSelectNode: (nodeId: string) => void };

/** The plan as a list: each task opens its own node's details. */
export function PlanTaskList({ tasks, onSelectNode }: Props) {
  return (
    <ol className="flex flex-col gap-1.5">
      {tasks.map((t) => (
        <li key={t.id}>
          <button
            type="button"
            onClick={() => onSelectNode(taskNodeId(t.id))}
            className="w-full rounded border border-slate-200 px-2 py-1.5 text-left text-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand dark:border-slate-700 dark:hover:bg-slate-800"
          >
            <span className="font-semibold">{t.id}</span>
            <span className="text-slate-500 dark:text-slate-400">
              {" "}
              · {findWorker(t.worker)?.title ?? t.worker} · {t.priority}
            </span>
            <span className="mt-0.5 block text-slate-700 dark:text-slate-300">{t.description}</span>
            {t.dependsOn.length > 0 && <span className="mt-0.5 block text-slate-500 dark:text-slate-400">after {t.dependsOn.join(", ")}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}
