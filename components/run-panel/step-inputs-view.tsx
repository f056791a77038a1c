import type { StepInputs } from "@/lib/engine/step-inputs";

type Props = { inputs: StepInputs | undefined; label: string };

/**
 * What a step was given, exactly as stored at its start: model and settings, the instructions
 * sent (the document left out) and each dependency's output as the step received it. Plain
 * text on purpose: this is the literal input, not something to render.
 */
export function StepInputsView({ inputs, label }: Props) {
  if (!inputs) return <p className="text-xs text-slate-500 dark:text-slate-400">Not recorded for this {label} (older run, or not started yet).</p>;
  const settings = Object.entries(inputs.settings);
  return (
    <div className="flex flex-col gap-2 text-xs" data-testid="step-inputs">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        <dt className="text-slate-600 dark:text-slate-300">Model</dt>
        <dd className="break-all font-mono">{inputs.model}</dd>
        {settings.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-600 dark:text-slate-300">{key}</dt>
            <dd className="break-all font-mono">{String(value)}</dd>
          </div>
        ))}
      </dl>
      {inputs.prompt !== undefined && (
        <details className="rounded border border-slate-200 dark:border-slate-700">
          <summary className="cursor-pointer px-2 py-1 font-medium">Instructions sent ({inputs.prompt.length.toLocaleString("en")} characters)</summary>
          <pre className="max-h-80 overflow-auto whitespace-pre-wrap break-words border-t border-slate-200 p-2 font-mono text-[11px] leading-relaxed dark:border-slate-700" data-testid="step-prompt">
            {inputs.prompt}
          </pre>
        </details>
      )}
      {inputs.dependencies && inputs.dependencies.length > 0 && (
        <div>
          <p className="mb-1 font-medium">{label === "synthesis" ? "Task outputs it received" : "Dependency outputs it received"}</p>
          <ul className="flex flex-col gap-1.5">
            {inputs.dependencies.map((d) => (
              <li key={d.taskId} className="rounded border border-slate-200 dark:border-slate-700" data-testid="step-dependency">
                <details>
                  <summary className="cursor-pointer px-2 py-1">
                    <span className="font-mono font-medium">{d.taskId}</span> · {d.status}
                    {d.findingCount !== undefined && ` · ${d.findingCount} finding${d.findingCount === 1 ? "" : "s"}`}
                  </summary>
                  <pre className="max-h-60 overflow-auto whitespace-pre-wrap break-words border-t border-slate-200 p-2 font-mono text-[11px] dark:border-slate-700">
                    {d.result ?? `Not available: ${d.reason ?? d.status}`}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
