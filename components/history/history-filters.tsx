import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { HISTORY_BACKENDS, HISTORY_STATUSES, type HistoryQuery } from "./history-query";
import { RUN_STATUS_META } from "@/components/ui/status-meta";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-brand dark:border-slate-700 dark:bg-slate-900";

const BACKEND_LABEL: Record<(typeof HISTORY_BACKENDS)[number], string> = { offline: "Offline engine", claude: "Claude" };

/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export function HistoryFilters({ query }: { query: HistoryQuery }) {
  const filtered = Boolean(query.q || query.status || query.backend);
  return (
    <form method="get" action="/runs" role="search" className="flex flex-wrap items-end gap-3">
      <div className="flex min-w-56 flex-1 flex-col gap-1">
        <label htmlFor="q" className="text-xs font-medium text-slate-600 dark:text-slate-300">
          Search document or request
        </label>
        <input id="q" name="q" type="search" defaultValue={query.q} placeholder="e.g. contract" className={selectClass} />
      </div>
      <FilterSelect
        name="status"
        label="Status"
        value={query.status}
        options={HISTORY_STATUSES.map((s) => ({ value: s, label: RUN_STATUS_META[s].label }))}
      />
      <FilterSelect name="backend" label="Engine" value={query.backend} options={HISTORY_BACKENDS.map((b) => ({ value: b, label: BACKEND_LABEL[b] }))} />
      <button type="submit" className={buttonClass("primary")}>
        Apply
      </button>
      {filtered && (
        <Link href="/runs" className={buttonClass("ghost")}>
          Clear
        </Link>
      )}
    </form>
  );
}

/** A labelled select whose first choice, "Any", sends an empty value (no filter). */
function FilterSelect(props: { name: string; label: string; value: string; options: Array<{ value: string; label: string }> }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.name} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {props.label}
      </label>
      <select id={props.name} name={props.name} defaultValue={props.value} className={selectClass}>
        <option value="">Any</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
