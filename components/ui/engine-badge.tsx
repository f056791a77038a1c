type Props = { backend: string | undefined; className?: string };

/** The offline engine is honest about what it is: every run it produced says so. */
export function EngineBadge({ backend, className = "" }: Props) {
  const offline = backend === "offline";
  const label = offline ? "Offline engine" : backend === "claude" ? "Claude" : backend === "scripted" ? "Scripted test engine" : (backend ?? "Unknown engine");
  const tone = offline
    ? "border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-200"
    : "border-indigo-300 bg-indigo-50 text-indigo-800 dark:border-indigo-700 dark:bg-indigo-950/50 dark:text-indigo-200";
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${tone} ${className}`}>
      {label}
    </span>
  );
}
