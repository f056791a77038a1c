import type { StatusMeta } from "./status-meta";
import { StatusIcon } from "./status-icon";

type Props = { meta: StatusMeta; size?: "sm" | "md"; className?: string };

/** Icon + label in the status colour; used for tasks, runs and history rows. */
export function StatusBadge({ meta, size = "sm", className = "" }: Props) {
  const sizing = size === "sm" ? "gap-1 px-1.5 py-0.5 text-xs" : "gap-1.5 px-2.5 py-1 text-sm";
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full border font-medium ${sizing} ${meta.text} ${meta.soft} ${meta.border} ${className}`}
    >
      <StatusIcon name={meta.icon} className={size === "sm" ? "h-3.5 w-3.5" : "h-4 w-4"} />
      <span>{meta.label}</span>
    </span>
  );
}
