"use client";

import { Background, Controls, ReactFlow } from "@xyflow/react";
import { useMemo } from "react";
import { layoutGraph, layoutKey, NODE_SIZE, type RunGraph as RunGraphModel } from "@/lib/graph";
import { FIT_VIEW_OPTIONS, FitOnLayoutChange } from "./fit-on-layout-change";
import { toFlowEdges } from "./flow-edges";
import { NodeSelectionProvider } from "./node-selection-context";
import { NODE_TYPES, type RunFlowNode } from "./node-types";
import { usePrefersDark } from "./use-prefers-dark";

type Props = {
  graph: RunGraphModel;
  selectedId: string | null;
  onSelect: (nodeId: string) => void;
  className?: string;
};

const ARIA_LABELS = {
  "node.a11yDescription.default": "Press Tab to move between steps and Enter to open a step's details.",
  "node.a11yDescription.keyboardDisabled": "Press Tab to move between steps and Enter to open a step's details.",
};

/**
 * Read-only canvas of the run. Positions come from the plan's structure only (see layoutGraph),
 * so streamed status changes repaint nodes in place.
 */
export function RunGraph({ graph, selectedId, onSelect, className = "" }: Props) {
  const key = layoutKey(graph);
  const nodes = useMemo(
    () => layoutGraph(graph.nodes, graph.edges).map((n): RunFlowNode => ({ ...n, ...NODE_SIZE[n.type], draggable: false, selectable: false, connectable: false })),
    [graph],
  );
  const edges = useMemo(() => toFlowEdges(graph.edges), [graph]);
  const selection = useMemo(() => ({ selectedId, select: onSelect }), [selectedId, onSelect]);
  const colorMode = usePrefersDark();

  return (
    <NodeSelectionProvider value={selection}>
      <div className={`overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${className}`}>
        <ReactFlow<RunFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
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
    </NodeSelectionProvider>
  );
}
