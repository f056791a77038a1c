import type { RunLimits } from "@/lib/engine/events";
import { FieldError } from "./field-error";

type Props = { defaults: RunLimits; errors: Record<string, string> | undefined; disabled: boolean };

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-brand aria-invalid:border-red-400 dark:border-slate-700 dark:bg-slate-900";

/** Per-run caps; an empty field keeps the server default shown as placeholder. */
export function BudgetFields({ defaults, errors, disabled }: Props) {
  const fields = [
    { name: "maxTasks", label: "Max tasks", placeholder: String(defaults.maxTasks), step: "1" },
    { name: "maxTokens", label: "Max tokens", placeholder: defaults.maxTokens ? String(defaults.maxTokens) : "no cap", step: "1000" },
    { name: "maxCostUsd", label: "Max cost (USD)", placeholder: defaults.maxCostUsd ? String(defaults.maxCostUsd) : "no cap", step: "0.01" },
    { name: "maxWallSeconds", label: "Max time (s)", placeholder: defaults.maxWallMs ? String(defaults.maxWallMs / 1000) : "no cap", step: "1" },
  ];
  return (
    <details className="rounded-lg border border-slate-200 px-3 py-2 text-sm dark:border-slate-800" open={errors !== undefined && fields.some((f) => errors[f.name])}>
      <summary className="cursor-pointer select-none font-medium">Budget for this run</summary>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">The run stops cleanly, keeping what it has, when a cap is reached. Empty fields use the defaults.</p>
      <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {fields.map((f) => (
          <div key={f.name}>
            <label htmlFor={f.name} className="mb-1 block text-xs text-slate-600 dark:text-slate-300">
              {f.label}
            </label>
            <input
              id={f.name}
              name={f.name}
              type="number"
              min="0"
              step={f.step}
              inputMode="decimal"
              placeholder={f.placeholder}
              disabled={disabled}
              className={inputClass}
              aria-invalid={errors?.[f.name] ? true : undefined}
              aria-describedby={errors?.[f.name] ? `${f.name}-error` : undefined}
            />
            <FieldError id={`${f.name}-error`} message={errors?.[f.name]} />
          </div>
        ))}
      </div>
    </details>
  );
}
