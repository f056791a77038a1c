export function ProgressMetric({ label, value }: { label: string; value: string }) {
  return (
    <span className="flex items-baseline gap-1.5">
      <span className="text-xs text-slate-500 dark:text-slate-400">{label}</span>
      <span className="font-semibold tabular-nums">{value}</span>
    </span>
  );
}
