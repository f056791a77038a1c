import type { Metadata } from "next";
import Link from "next/link";
import { compareIds } from "@/components/compare/compare-ids";
import { CompareDocumentDiff } from "@/components/compare/compare-document-diff";
import { CompareFindings } from "@/components/compare/compare-findings";
import { ComparePlans } from "@/components/compare/compare-plans";
import { CompareSummary } from "@/components/compare/compare-summary";
import { Markdown } from "@/components/ui/markdown";
import { toErrorInfo } from "@/lib/engine/errors";
import { compareStoredRuns } from "@/lib/server/compare-service";

export const metadata: Metadata = { title: "Compare runs" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ComparePage({ searchParams }: Props) {
  const ids = compareIds(await searchParams);
  if (ids.length !== 2) {
    return (
      <Message>
        Select exactly two runs to compare ({ids.length} selected). <Link className="font-medium text-brand underline dark:text-brand-dark" href="/runs">Back to the history</Link>
      </Message>
    );
  }
  let comparison;
  try {
    comparison = await compareStoredRuns(ids[0] as string, ids[1] as string);
  } catch (error) {
    return <Message>{toErrorInfo(error).message} <Link className="font-medium text-brand underline dark:text-brand-dark" href="/runs">Back to the history</Link></Message>;
  }
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Compare runs</h1>
      <CompareSummary comparison={comparison} />
      <ComparePlans plans={comparison.plans} />
      <CompareFindings findings={comparison.findings} a={comparison.a.findings} b={comparison.b.findings} />
      <section aria-labelledby="reports-heading" className="rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="reports-heading" className="text-base font-semibold">Reports</h2>
        <div className="mt-2 grid gap-4 md:grid-cols-2">
          {[comparison.a, comparison.b].map((side, i) => (
            <div key={side.id} className="min-w-0">
              <h3 className="text-sm font-semibold">{i === 0 ? "A" : "B"}</h3>
              {side.narrative ? <Markdown source={side.narrative} className="text-sm" /> : <p className="text-sm text-slate-500">No report yet.</p>}
            </div>
          ))}
        </div>
      </section>
      {comparison.documentDiff && <CompareDocumentDiff diff={comparison.documentDiff} />}
    </div>
  );
}

function Message({ children }: { children: React.ReactNode }) {
  return <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">{children}</div>;
}
