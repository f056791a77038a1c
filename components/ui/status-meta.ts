import type { Severity } from "@/lib/engine/findings";
import type { RunStatus, TaskStatus } from "@/lib/engine/run-state";

export type StatusIconName = "circle" | "spinner" | "retry" | "check" | "half" | "cross" | "skip" | "stop";

export type StatusMeta = {
  label: string;
  icon: StatusIconName;
  /** Text/icon colour, light and dark. */
  text: string;
  /** Tinted background for badges and node bodies. */
  soft: string;
  border: string;
};

/** Colour is never the only signal: every status also has an icon and a text label. */
export const TASK_STATUS_META: Record<TaskStatus, StatusMeta> = {
  pending: {
    label: "Pending",
    icon: "circle",
    text: "text-status-pending dark:text-status-pending-dark",
    soft: "bg-slate-100 dark:bg-slate-800/60",
    border: "border-status-pending/50 dark:border-status-pending-dark/50",
  },
  running: {
    label: "Running",
    icon: "spinner",
    text: "text-status-running dark:text-status-running-dark",
    soft: "bg-blue-50 dark:bg-blue-950/50",
    border: "border-status-running dark:border-status-running-dark",
  },
  retrying: {
    label: "Retrying",
    icon: "retry",
    text: "text-status-retrying dark:text-status-retrying-dark",
    soft: "bg-violet-50 dark:bg-violet-950/50",
    border: "border-status-retrying dark:border-status-retrying-dark",
  },
  succeeded: {
    label: "Succeeded",
    icon: "check",
    text: "text-status-succeeded dark:text-status-succeeded-dark",
    soft: "bg-green-50 dark:bg-green-950/40",
    border: "border-status-succeeded dark:border-status-succeeded-dark",
  },
  partial: {
    label: "Partial",
    icon: "half",
    text: "text-status-partial dark:text-status-partial-dark",
    soft: "bg-amber-50 dark:bg-amber-950/40",
    border: "border-status-partial dark:border-status-partial-dark",
  },
  failed: {
    label: "Failed",
    icon: "cross",
    text: "text-status-failed dark:text-status-failed-dark",
    soft: "bg-red-50 dark:bg-red-950/40",
    border: "border-status-failed dark:border-status-failed-dark",
  },
  canceled: {
    label: "Canceled",
    icon: "stop",
    text: "text-status-canceled dark:text-status-canceled-dark",
    soft: "bg-gray-100 dark:bg-gray-800/60",
    border: "border-status-canceled dark:border-status-canceled-dark",
  },
  skipped: {
    label: "Skipped",
    icon: "skip",
    text: "text-status-skipped dark:text-status-skipped-dark",
    soft: "bg-gray-100 dark:bg-gray-800/60",
    border: "border-dashed border-status-skipped/70 dark:border-status-skipped-dark/70",
  },
};

export const RUN_STATUS_META: Record<RunStatus, StatusMeta> = {
  pending: { ...TASK_STATUS_META.pending, label: "Queued" },
  planning: { ...TASK_STATUS_META.running, label: "Planning" },
  "awaiting-approval": { ...TASK_STATUS_META.partial, icon: "circle", label: "Awaiting approval" },
  running: { ...TASK_STATUS_META.running, label: "Running" },
  synthesizing: { ...TASK_STATUS_META.running, label: "Synthesising" },
  succeeded: TASK_STATUS_META.succeeded,
  partial: TASK_STATUS_META.partial,
  failed: TASK_STATUS_META.failed,
  canceled: TASK_STATUS_META.canceled,
};

export function runStatusMeta(status: string): StatusMeta {
  return isRunStatus(status) ? RUN_STATUS_META[status] : { ...TASK_STATUS_META.pending, label: status };
}

function isRunStatus(status: string): status is RunStatus {
  return Object.hasOwn(RUN_STATUS_META, status);
}

export const SEVERITY_META: Record<Severity, { label: string; text: string; soft: string; border: string; icon: string }> = {
  critical: {
    label: "Critical",
    icon: "!",
    text: "text-severity-critical dark:text-severity-critical-dark",
    soft: "bg-red-50 dark:bg-red-950/40",
    border: "border-severity-critical dark:border-severity-critical-dark",
  },
  warning: {
    label: "Warning",
    icon: "▲",
    text: "text-severity-warning dark:text-severity-warning-dark",
    soft: "bg-amber-50 dark:bg-amber-950/40",
    border: "border-severity-warning dark:border-severity-warning-dark",
  },
  info: {
    label: "Info",
    icon: "i",
    text: "text-severity-info dark:text-severity-info-dark",
    soft: "bg-blue-50 dark:bg-blue-950/40",
    border: "border-severity-info dark:border-severity-info-dark",
  },
};
