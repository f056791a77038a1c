import type { PlanComparison } from "@/lib/compare/match-plans";
import type { PlanTask } from "@/lib/engine/plan";

const card = "rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900";

/** `side` marks the run on a phone, where the two columns stack and would read as duplicates. */
function Task({ task, side }: { task: PlanTask; side: "A" | "B" }) {
  return (
    <span>
      <span className="mr-1 rounded bg-slate-100 px-1 text-xs font-semibold text-slate-700 sm:hidden dark:bg-slate-800 dark:text-slate-200">{side}</span>
      <span className="font-mono text-xs">{task.id}</span> <span className="text-xs text-slate-500 dark:text-slate-400">({task.worker}, {task.priority})</span>
      <span className="block">{task.description}</span>
    </span>
  );
}

/** The two plans: tasks matched by worker and description (with what changed), and tasks only one run had. */
export function ComparePlans({ plans }: { plans: PlanComparison }) {
  return (
    <section aria-labelledby="plans-heading" className={card}>
      <h2 id="plans-heading" className="text-base font-semibold">Plans</h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {plans.matched.length} {plans.matched.length === 1 ? "task" : "tasks"} in both · {plans.onlyA.length} only in A · {plans.onlyB.length} only in B
      </p>
      <ul className="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {plans.matched.map((p) => (
          <li key={`${p.a.id}-${p.b.id}`} className="grid gap-2 py-2 sm:grid-cols-2" data-compare-task="both">
            <Task task={p.a} side="A" />
            <span>
              <Task task={p.b} side="B" />
              {p.changes.length > 0 && <span className="mt-1 block text-xs text-amber-800 dark:text-amber-300">Changed: {p.changes.join(", ")}</span>}
            </span>
          </li>
        ))}
        {plans.onlyA.map((t) => (
          <li key={`a-${t.id}`} className="grid gap-2 py-2 sm:grid-cols-2" data-compare-task="only-a">
            <span className="text-red-800 dark:text-red-300"><Task task={t} side="A" /></span>
            <span className="text-xs text-slate-500 dark:text-slate-400">— not in B</span>
          </li>
        ))}
        {plans.onlyB.map((t) => (
          <li key={`b-${t.id}`} className="grid gap-2 py-2 sm:grid-cols-2" data-compare-task="only-b">
            <span className="text-xs text-slate-500 dark:text-slate-400">— not in A</span>
            <span className="text-green-800 dark:text-green-300"><Task task={t} side="B" /></span>
          </li>
        ))}
      </ul>
    </section>
  );
}
