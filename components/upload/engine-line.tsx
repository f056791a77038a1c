import type { EngineInfo } from "@/lib/server/engine";
import { EngineBadge } from "@/components/ui/engine-badge";

/** The badge already names the engine; drop a leading "Name:" from the label so it is not said twice. */
function describe(label: string): string {
  const rest = label.replace(/^[^:]{1,40}:\s*/, "");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Which engine will run, said before the user submits anything. */
export function EngineLine({ engine }: { engine: EngineInfo }) {
  return (
    <p className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
      <span className="sr-only">Engine:</span>
      <EngineBadge backend={engine.backend} />
      <span className="min-w-0">{describe(engine.label)}</span>
    </p>
  );
}
