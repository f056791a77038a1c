"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";

export const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1 } as const;

/**
 * The layout changes once when the plan arrives (orchestrator alone → full graph) and never
 * while statuses stream; re-fit only then, so the viewport does not jump under the user.
 */
export function FitOnLayoutChange({ layoutKey }: { layoutKey: string }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    void fitView({ ...FIT_VIEW_OPTIONS, duration: 250 });
  }, [layoutKey, fitView]);
  return null;
}
