import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { historyHref, type HistoryQuery } from "./history-query";

type Props = { query: HistoryQuery; total: number; pageSize: number };

export function Pagination({ query, total, pageSize }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pages);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const disabled = `${buttonClass("secondary", "sm")} pointer-events-none whitespace-nowrap opacity-50`;
  const enabled = `${buttonClass("secondary", "sm")} whitespace-nowrap`;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600 dark:text-slate-300">
        {total === 0 ? "No runs" : `${first}–${last} of ${total} runs`}
      </p>
      {/* One page has nowhere to go: no disabled buttons and "Page 1 of 1". */}
      {pages > 1 && (
        <div className="flex items-center gap-2">
          {page > 1 ? (
            <Link href={historyHref({ ...query, page: page - 1 })} className={enabled} rel="prev">
              ← Newer
            </Link>
          ) : (
            <span className={disabled} aria-disabled="true">
              ← Newer
            </span>
          )}
          <span className="whitespace-nowrap tabular-nums text-slate-600 dark:text-slate-300">
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={historyHref({ ...query, page: page + 1 })} className={enabled} rel="next">
              Older →
            </Link>
          ) : (
            <span className={disabled} aria-disabled="true">
              Older →
            </span>
          )}
        </div>
      )}
    </nav>
  );
}
