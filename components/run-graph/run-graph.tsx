"use client";

import { Background, Controls, ReactFlow, type Connection, type Edge, type EdgeChange } from "@xyflow/react";
import { useMemo, useState } from "react";
import { layoutGraph, layoutKey, NODE_SIZE, type RunGraph as RunGraphModel } from "@/lib/graph";
import { FIT_VIEW_OPTIONS, FitOnLayoutChange } from "./fit-on-layout-change";
import { GraphEditProvider } from "./graph-edit-context";
import { toFlowEdges } from "./flow-edges";
import { NodeSelectionProvider } from "./node-selection-context";
import { NODE_TYPES, type RunFlowNode } from "./node-types";
import { usePrefersDark } from "./use-prefers-dark";

/**
 * Editing a plan awaiting approval on the canvas: drag from one task's right handle to another's
 * left handle to add a dependency; select a dependency edge and press Delete (or Backspace) to
 * remove it. Ids are task ids; the issues are the validator's, keyed by node and edge id.
 */
export type GraphEdit = {
  onConnect: (fromTaskId: string, toTaskId: string) => void;
  onDeleteDependency: (fromTaskId: string, toTaskId: string) => void;
  nodeIssues: ReadonlyMap<string, readonly string[]>;
  edgeIssues: ReadonlyMap<string, readonly string[]>;
};

type Props = {
  graph: RunGraphModel;
  selectedId: string | null;
  onSelect: (nodeId: string) => void;
  edit?: GraphEdit;
  className?: string;
};

const TASK = "task:";
const taskIdOf = (nodeId: string | null | undefined) => (nodeId?.startsWith(TASK) ? nodeId.slice(TASK.length) : undefined);
const ISSUE_EDGE = "[&_.react-flow__edge-path]:!stroke-red-600 dark:[&_.react-flow__edge-path]:!stroke-red-400 [&_.react-flow__edge-path]:!stroke-[3px]";
const SELECTED_EDGE = "[&_.react-flow__edge-path]:!stroke-amber-500 [&_.react-flow__edge-path]:!stroke-[4px]";

const ARIA_LABELS = {
  "node.a11yDescription.default": "Press Tab to move between steps and Enter to open a step's details.",
  "node.a11yDescription.keyboardDisabled": "Press Tab to move between steps and Enter to open a step's details.",
};

/**
 * Read-only canvas of the run. Positions come from the plan's structure only (see layoutGraph),
 * so streamed status changes repaint nodes in place.
 */
export function RunGraph({ graph, selectedId, onSelect, edit, className = "" }: Props) {
  const editing = edit !== undefined;
  const key = layoutKey(graph);
  const nodes = useMemo(
    () =>
      layoutGraph(graph.nodes, graph.edges).map(
        (n): RunFlowNode => ({ ...n, ...NODE_SIZE[n.type], draggable: false, selectable: false, connectable: editing && n.id.startsWith(TASK) }),
      ),
    [graph, editing],
  );
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const edges = useMemo((): Edge[] => {
    const flow = toFlowEdges(graph.edges);
    if (!edit) return flow;
    return flow.map((e) => {
      const dependency = taskIdOf(e.source) !== undefined && taskIdOf(e.target) !== undefined;
      const issues = edit.edgeIssues.get(e.id);
      const className = `${e.className ?? ""} ${issues ? ISSUE_EDGE : ""} ${e.id === selectedEdge ? SELECTED_EDGE : ""}`;
      return { ...e, className, selectable: dependency, focusable: dependency, deletable: dependency, selected: e.id === selectedEdge, interactionWidth: 16, ...(issues ? { ariaLabel: issues.join("; ") } : {}) };
    });
  }, [graph, edit, selectedEdge]);
  const selection = useMemo(() => ({ selectedId, select: onSelect }), [selectedId, onSelect]);
  const editState = useMemo(() => ({ editing: edit !== undefined, nodeIssues: edit?.nodeIssues ?? new Map<string, readonly string[]>() }), [edit]);
  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const change of changes) if (change.type === "select") setSelectedEdge(change.selected ? change.id : null);
  };
  const onConnect = (c: Connection) => {
    const from = taskIdOf(c.source);
    const to = taskIdOf(c.target);
    if (edit && from && to && from !== to) edit.onConnect(from, to);
  };
  const onEdgesDelete = (deleted: Edge[]) => {
    for (const e of deleted) {
      const from = taskIdOf(e.source);
      const to = taskIdOf(e.target);
      if (edit && from && to) edit.onDeleteDependency(from, to);
    }
    setSelectedEdge(null);
  };
  const colorMode = usePrefersDark();

  return (
    <NodeSelectionProvider value={selection}>
      <GraphEditProvider value={editState}>
      <div className={`overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${className}`}>
        <ReactFlow<RunFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          nodesDraggable={false}
          nodesConnectable={edit !== undefined}
          elementsSelectable={edit !== undefined}
          nodesFocusable={false}
          edgesFocusable={edit !== undefined}
          onConnect={onConnect}
          onEdgesChange={onEdgesChange}
          onEdgesDelete={onEdgesDelete}
          deleteKeyCode={edit ? ["Delete", "Backspace"] : null}
          isValidConnection={(c) => taskIdOf(c.source) !== undefined && taskIdOf(c.target) !== undefined && c.source !== c.target}
          // Nodes that are neither selectable nor draggable get pointer-events: none unless they have a click handler.
          onNodeClick={(_, node) => onSelect(node.id)}
          fitView
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={0.2}
          maxZoom={1.5}
          zoomOnScroll={false}
          preventScrolling={false}
          zoomOnDoubleClick={false}
          colorMode={colorMode}
          ariaLabelConfig={ARIA_LABELS}
          aria-label="Run graph"
          className="bg-transparent"
        >
          <Background gap={20} size={1} bgColor="transparent" />
          <Controls showInteractive={false} position="bottom-left" />
          <FitOnLayoutChange layoutKey={key} />
        </ReactFlow>
      </div>
      </GraphEditProvider>
    </NodeSelectionProvider>
  );
}
