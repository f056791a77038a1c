"use client";

import type { KeyboardEvent } from "react";

export type RunViewTab = "graph" | "timeline";
const TABS: { id: RunViewTab; label: string }[] = [
  { id: "graph", label: "Graph" },
  { id: "timeline", label: "Timeline" },
];

/** ARIA tabs (arrow keys move between them) switching the run's main view. */
export function ViewTabs({ tab, onChange }: { tab: RunViewTab; onChange: (tab: RunViewTab) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    onChange(next.id);
    document.getElementById(`run-view-tab-${next.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Run view" className="flex gap-1 border-b border-slate-200 px-2 pt-2 dark:border-slate-800" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`run-view-tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls="run-view-panel"
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => onChange(t.id)}
          className={`-mb-px rounded-t-md border-b-2 px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand ${
            tab === t.id ? "border-brand text-slate-900 dark:border-brand-dark dark:text-slate-50" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-slate-50"
          }`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
