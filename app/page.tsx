import { connection } from "next/server";
import { defaultLimits, getEngineInfo } from "@/lib/server/engine";
import { maxUploadBytes } from "@/lib/server/upload-limit";
import { EngineLine } from "@/components/upload/engine-line";
import { UploadForm } from "@/components/upload/upload-form";

export default async function NewRunPage() {
  // The engine depends on the environment at run time, not at build time.
  await connection();
  const engine = getEngineInfo();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">Analyse a document</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        An orchestrator reads your request, plans focused tasks for specialist workers, runs them in parallel and combines their findings into one
        report in which every claim cites the passage it rests on.
      </p>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <UploadForm engineLine={<EngineLine engine={engine} />} limits={defaultLimits()} maxUploadBytes={maxUploadBytes()} />
      </div>
    </div>
  );
}
