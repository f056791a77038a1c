import type { EventError } from "@/lib/engine/events";

/** A run or task error: the human message first, the code and details for whoever debugs it. */
export function ErrorCallout({ error, title = "Error" }: { error: EventError; title?: string }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
      <p className="font-semibold">{title}</p>
      <p>{error.message}</p>
      <p className="mt-0.5 text-xs opacity-80">Code: {error.code}</p>
      {error.details && error.details.length > 0 && (
        <ul className="mt-1 list-disc pl-4 text-xs">
          {error.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
