import { totalTokens, type Usage } from "@/lib/engine/usage";
import { formatCost } from "@/components/ui/format";

/** Token counts by kind (cache reads are why workers are cheap) and the estimated cost. */
export function UsageSummary({ usage }: { usage: Usage }) {
  const rows: Array<[string, string]> = [
    ["Input", usage.inputTokens.toLocaleString("en")],
    ["Output", usage.outputTokens.toLocaleString("en")],
    ["Cache write", usage.cacheCreationInputTokens.toLocaleString("en")],
    ["Cache read", usage.cacheReadInputTokens.toLocaleString("en")],
    ["Total", totalTokens(usage).toLocaleString("en")],
    ["Est. cost", formatCost(usage.costUsd)],
  ];
  return (
    <dl className="grid grid-cols-3 gap-x-3 gap-y-1 text-xs">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="font-medium tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
