"use client";

import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type EdgeChange } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { NODE_SIZE, ORCHESTRATOR_NODE_ID, type EdgeState, type GraphLayout, type RunGraph as RunGraphModel } from "@/lib/graph";
import { EdgeStateProvider } from "./edge-state-context";
import { GraphEditProvider } from "./graph-edit-context";
import { toFlowEdges, toFlowNodes } from "./flow-elements";
import { NodeSelectionProvider } from "./node-selection-context";
import { EDGE_TYPES, NODE_TYPES, type RunFlowNode } from "./node-types";
import type { RoutedFlowEdge } from "./routed-edge";
import { useElementSize } from "./use-element-size";
import { useGraphLayout, useStructure } from "./use-graph-layout";
import { usePrefersDark } from "./use-prefers-dark";
import { useWindowHeight } from "./use-window-height";

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

const TASK = "task:";
const taskIdOf = (nodeId: string | null | undefined) => (nodeId?.startsWith(TASK) ? nodeId.slice(TASK.length) : undefined);

type Props = {
  graph: RunGraphModel;
  selectedId: string | null;
  onSelect: (nodeId: string) => void;
  /**
   * Width to lay the plan out for (px). The page passes the width it has with the side panel
   * closed, so opening the panel never re-lays the graph under the user; defaults to the canvas's own.
   */
  layoutWidth?: number | null;
  /** Present while the plan awaits approval: the graph is editable. */
  edit?: GraphEdit;
  className?: string;
};

const ARIA_LABELS = {
  "node.a11yDescription.default": "Press Tab to move between steps and Enter to open a step's details.",
  "node.a11yDescription.keyboardDisabled": "Press Tab to move between steps and Enter to open a step's details.",
};

/** The default zoom: node text is drawn at its CSS size (12–14 px), never shrunk to fit. */
const LEGIBLE_ZOOM = 1;
/** The canvas grows with the drawing up to this height (px, from the window's), then the drawing pans inside it. */
const maxCanvasHeight = (windowHeight: number) => Math.min(720, Math.max(0.6 * windowHeight, 360));
const PLACEHOLDER_HEIGHT = 240;
/**
 * Height added to the drawing's, half above and half below it, so the zoom buttons (one row in
 * the bottom-left corner: 15 px margin + 26 px) sit under the drawing's edge, not over a node.
 */
const CONTROLS_ROOM = 56;

/**
 * Read-only canvas of the run. The layout (ELK, orthogonal edge routes) depends on the plan's
 * structure only; node objects are reused while their data is unchanged and the edge list is
 * rebuilt only with the layout, so streaming events repaint nodes and edge styles in place.
 */
export function RunGraph({ graph, selectedId, onSelect, layoutWidth, edit, className = "" }: Props) {
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const size = useElementSize(box);
  const { structure } = useStructure(graph);
  const windowHeight = useWindowHeight();
  const width = layoutWidth ?? size?.width ?? null;
  const maxHeight = windowHeight === null ? null : maxCanvasHeight(windowHeight);
  const layout = useGraphLayout(structure, width === null || maxHeight === null ? null : { width, height: maxHeight - CONTROLS_ROOM });

  // Per-node cache: kept in state (not a ref) so reading it during render is allowed.
  const editing = edit !== undefined;
  const [nodeCache] = useState(() => new Map<string, RunFlowNode>());
  const nodes = useMemo(() => {
    if (!layout) return [];
    const next = toFlowNodes(graph.nodes, layout, nodeCache, editing);
    nodeCache.clear();
    for (const n of next) nodeCache.set(n.id, n);
    return next;
  }, [graph.nodes, layout, nodeCache, editing]);
  const routed = useMemo<RoutedFlowEdge[]>(() => (layout ? toFlowEdges(structure, layout) : []), [structure, layout]);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  // Only while editing (nothing streams then) do edges carry selection and the validator's issues.
  const edges = useMemo<RoutedFlowEdge[]>(() => {
    if (!edit) return routed;
    return routed.map((e) => {
      const dependency = taskIdOf(e.source) !== undefined && taskIdOf(e.target) !== undefined;
      const issues = edit.edgeIssues.get(e.id);
      return {
        ...e,
        data: { route: e.data?.route ?? [], ...(issues ? { issues } : {}) },
        selectable: dependency,
        focusable: dependency,
        deletable: dependency,
        selected: e.id === selectedEdge,
        interactionWidth: 16,
        ...(issues ? { ariaLabel: issues.join("; ") } : {}),
      };
    });
  }, [routed, edit, selectedEdge]);
  const editState = useMemo(() => ({ editing: edit !== undefined, nodeIssues: edit?.nodeIssues ?? new Map<string, readonly string[]>() }), [edit]);
  const onEdgesChange = (changes: EdgeChange<RoutedFlowEdge>[]) => {
    for (const change of changes) if (change.type === "select") setSelectedEdge(change.selected ? change.id : null);
  };
  const onConnect = (c: Connection) => {
    const from = taskIdOf(c.source);
    const to = taskIdOf(c.target);
    if (edit && from && to && from !== to) edit.onConnect(from, to);
  };
  const onEdgesDelete = (deleted: RoutedFlowEdge[]) => {
    for (const e of deleted) {
      const from = taskIdOf(e.source);
      const to = taskIdOf(e.target);
      if (edit && from && to) edit.onDeleteDependency(from, to);
    }
    setSelectedEdge(null);
  };
  const stateKey = graph.edges.map((e) => `${e.id}=${e.state}`).join("|");
  // Keyed on the string: a new Map only when some edge's state changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const edgeStates = useMemo(() => new Map<string, EdgeState>(graph.edges.map((e) => [e.id, e.state])), [stateKey]);
  const selection = useMemo(() => ({ selectedId, select: onSelect }), [selectedId, onSelect]);
  const colorMode = usePrefersDark();
  // While editing, the first node the validator faults is shown (on a phone it is often off screen).
  const firstIssueNode = edit?.nodeIssues.keys().next().value;
  const overflows = layout !== null && size !== null && (layout.width > size.width || layout.height > size.height);

  return (
    <NodeSelectionProvider value={selection}>
      <GraphEditProvider value={editState}>
      <EdgeStateProvider value={edgeStates}>
        <div
          ref={setBox}
          data-testid="run-graph"
          data-layout-direction={layout?.direction}
          style={{ height: layout && maxHeight !== null ? Math.min(Math.ceil(layout.height) + CONTROLS_ROOM, maxHeight) : PLACEHOLDER_HEIGHT }}
          className={`relative overflow-hidden bg-white dark:bg-slate-900 ${className}`}
        >
          <ReactFlow<RunFlowNode, RoutedFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            edgeTypes={EDGE_TYPES}
            nodesDraggable={false}
            nodesConnectable={editing}
            elementsSelectable={editing}
            nodesFocusable={false}
            edgesFocusable={editing}
            onConnect={onConnect}
            onEdgesChange={onEdgesChange}
            onEdgesDelete={onEdgesDelete}
            deleteKeyCode={editing ? ["Delete", "Backspace"] : null}
            isValidConnection={(c) => taskIdOf(c.source) !== undefined && taskIdOf(c.target) !== undefined && c.source !== c.target}
            // Nodes that are neither selectable nor draggable get pointer-events: none unless they have a click handler.
            onNodeClick={(_, node) => onSelect(node.id)}
            defaultViewport={{ x: 0, y: 0, zoom: LEGIBLE_ZOOM }}
            minZoom={0.1}
            maxZoom={2}
            zoomOnScroll
            zoomOnPinch
            zoomOnDoubleClick={false}
            colorMode={colorMode}
            // Top right, not React Flow's default bottom right: there it covered the last node on
            // a phone (a tall drawing scrolled to its end), and beside the minimap. The corner is
            // empty when placed: the flow starts in one centred node (orchestrator) at the top or
            // left. Kept visible, as React Flow asks (https://reactflow.dev/docs/guides/remove-attribution).
            attributionPosition="top-right"
            ariaLabelConfig={ARIA_LABELS}
            aria-label="Run graph"
            className="bg-transparent"
          >
            <Background gap={20} size={1} bgColor="transparent" />
            <Controls showInteractive={false} position="bottom-left" orientation="horizontal" fitViewOptions={{ padding: 0.05 }} />
            {/* On a phone the minimap would cover the nodes: pan instead. */}
            {overflows && <MiniMap pannable zoomable position="bottom-right" className="max-sm:hidden" ariaLabel="Overview of the whole graph" style={{ width: 120, height: 80 }} />}
            {layout && size && <PlaceViewport layout={layout} width={size.width} height={size.height} focusId={firstIssueNode} />}
          </ReactFlow>
        </div>
      </EdgeStateProvider>
      </GraphEditProvider>
    </NodeSelectionProvider>
  );
}

/**
 * Shows the drawing at the legible zoom: centred when it fits; otherwise from where the flow
 * starts (the orchestrator), at the top for a top-to-bottom layout and at the left for a
 * left-to-right one — or, while a plan edit has a fault, around the first faulty node
 * (`focusId`). Runs when the layout or that node changes (the plan arrived, the direction
 * flipped, an edit) and never while statuses stream, so the viewport does not jump under the user.
 */
function PlaceViewport({ layout, width, height, focusId }: { layout: GraphLayout; width: number; height: number; focusId?: string | undefined }) {
  const { setViewport } = useReactFlow();
  const focus = focusId ? layout.positions.get(focusId) : undefined;
  const start = focus ?? layout.positions.get(ORCHESTRATOR_NODE_ID) ?? { x: 0, y: 0 };
  const { width: w, height: h } = focus ? NODE_SIZE.task : NODE_SIZE.orchestrator;
  const x = axisOffset(width, layout.width * LEGIBLE_ZOOM, (start.x + w / 2) * LEGIBLE_ZOOM);
  const y = axisOffset(height, layout.height * LEGIBLE_ZOOM, (start.y + h / 2) * LEGIBLE_ZOOM);
  // The box starts at a placeholder height and takes the drawing's height once it is laid out:
  // placed again then, or a drawing shorter than the placeholder is shown off-centre and cut.
  const boxHeight = Math.round(height);
  useEffect(() => {
    void setViewport({ x, y, zoom: LEGIBLE_ZOOM });
    // Not on x/y nor the width: resizing the window must not undo the user's panning.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout.key, layout.direction, focusId, boxHeight, setViewport]);
  return null;
}

/** Centres the drawing if it fits the box; else centres `focus`, without showing empty space past either edge. */
function axisOffset(box: number, drawing: number, focus: number): number {
  if (drawing <= box) return (box - drawing) / 2;
  return Math.min(0, Math.max(box - drawing, box / 2 - focus));
}
