import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { listRuns } from "@/lib/server/run-queries";
import { CompareForm } from "@/components/history/compare-form";
import { HistoryFilters } from "@/components/history/history-filters";
import { HISTORY_PAGE_SIZE, historyHref, parseHistoryQuery } from "@/components/history/history-query";
import { COMPARE_FORM_ID, HistoryTable } from "@/components/history/history-table";
import { Pagination } from "@/components/history/pagination";

export const metadata: Metadata = { title: "History" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HistoryPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = parseHistoryQuery(params);
  // "Compare with…" on a run page lands here with that run ticked.
  const compareWith = typeof params.compare === "string" ? params.compare : undefined;
  const result = await listRuns({
    ...(query.q ? { q: query.q } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.backend ? { backend: query.backend } : {}),
    page: query.page,
    pageSize: HISTORY_PAGE_SIZE,
  });
  // Past the last page (a deleted last row, an old link): go to the last page that has runs.
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (result.rows.length === 0 && query.page > lastPage) redirect(historyHref({ ...query, page: lastPage }));
  const filtered = Boolean(query.q || query.status || query.backend);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">History</h1>
      {/* Keyed by the query: a client-side "Clear" must reset the form, not keep the old values. */}
      <HistoryFilters key={historyHref({ ...query, page: 1 })} query={query} />
      {result.rows.length > 0 ? (
        <>
          <CompareForm id={COMPARE_FORM_ID} preselected={compareWith !== undefined} />
          <HistoryTable rows={result.rows} {...(compareWith ? { preselected: compareWith } : {})} />
        </>
      ) : (
        <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
          {filtered ? "No runs match these filters." : "No runs yet."}{" "}
          <Link href="/" className="font-medium text-brand underline dark:text-brand-dark">
            Start one
          </Link>
          .
        </div>
      )}
      <Pagination query={{ ...query, page: result.page }} total={result.total} pageSize={result.pageSize} />
    </div>
  );
}
