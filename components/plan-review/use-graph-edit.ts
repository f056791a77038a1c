"use client";

import { useMemo, useState } from "react";
import { edgeId, taskNodeId } from "@/lib/graph";
import { findCycle } from "@/lib/engine/validate-plan";
import type { GraphEdit } from "@/components/run-graph/run-graph";
import type { PlanDraft } from "./use-plan-draft";

/**
 * Graph editing for a plan under review: a dependency drawn between two tasks is added to the
 * draft unless it would close a cycle — then it is refused and `notice` says why; a deleted edge
 * removes the dependency. The draft's issues are placed on their nodes and edges.
 */
export function useGraphEdit(draft: PlanDraft, active: boolean): { edit: GraphEdit | undefined; notice: string | null; clearNotice: () => void } {
  const [notice, setNotice] = useState<string | null>(null);
  const edit = useMemo((): GraphEdit | undefined => {
    if (!active) return undefined;
    const nodeIssues = new Map<string, string[]>();
    const edgeIssues = new Map<string, string[]>();
    const add = (map: Map<string, string[]>, key: string, message: string) => map.set(key, [...(map.get(key) ?? []), message]);
    for (const issue of draft.issues) {
      issue.taskIds?.forEach((id) => add(nodeIssues, taskNodeId(id), issue.message));
      issue.edges?.forEach((e) => add(edgeIssues, edgeId(taskNodeId(e.from), taskNodeId(e.to)), issue.message));
    }
    return {
      nodeIssues,
      edgeIssues,
      onConnect: (from, to) => {
        const target = draft.tasks.find((t) => t.id === to);
        if (!target || target.dependsOn.includes(from)) return;
        const next = draft.tasks.map((t) => (t.id === to ? { ...t, dependsOn: [...t.dependsOn, from] } : t));
        const cycle = findCycle(next);
        if (cycle) {
          setNotice(`Not added: "${to}" after "${from}" would make a dependency cycle: ${cycle.join(" → ")}.`);
          return;
        }
        setNotice(null);
        draft.setTasks(() => next);
      },
      onDeleteDependency: (from, to) => {
        setNotice(null);
        draft.setTasks((tasks) => tasks.map((t) => (t.id === to ? { ...t, dependsOn: t.dependsOn.filter((d) => d !== from) } : t)));
      },
    };
  }, [active, draft]);
  return { edit, notice, clearNotice: () => setNotice(null) };
}
