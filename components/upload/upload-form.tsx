"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { startRunAction, type StartRunState } from "@/app/actions";
import { Button } from "@/components/ui/button";
import type { RunLimits } from "@/lib/engine/events";
import { BudgetFields } from "./budget-fields";
import { FieldError } from "./field-error";
import { FileDropZone } from "./file-drop-zone";
import { randomUuid } from "./random-uuid";

const INITIAL: StartRunState = {};

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand aria-invalid:border-red-400 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-500 dark:focus-visible:outline-brand-dark";

/**
 * Starts a run. Submitting goes through `onSubmit` so the fields keep their values when the
 * server answers with an error (a plain form action would reset them). The idempotency key is
 * made on the client at the first submit and kept until the server answers, so a double submit
 * starts one run.
 */
export function UploadForm({ engineLine, limits, maxUploadBytes }: { engineLine: ReactNode; limits: RunLimits; maxUploadBytes: number }) {
  const [state, formAction, pending] = useActionState(startRunAction, INITIAL);
  const [file, setFile] = useState<File | null>(null);
  // Checked here too, so a file over the limit is refused at once instead of after uploading it.
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const keyInput = useRef<HTMLInputElement>(null);
  // An answer from the server ends the attempt: the next submit is a new intent with a new key.
  useEffect(() => {
    if (keyInput.current) keyInput.current.value = "";
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    if (file && file.size > maxUploadBytes) {
      setTooLarge(`"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxUploadBytes / 1024 / 1024).toFixed(0)} MB.`);
      return;
    }
    setTooLarge(null);
    if (keyInput.current && !keyInput.current.value) keyInput.current.value = randomUuid();
    const data = new FormData(event.currentTarget);
    data.delete("file");
    if (file) data.set("file", file);
    startTransition(() => formAction(data));
  };
  const fieldError = (name: string) => state.fieldErrors?.[name];
  // The message sits above the form; the button is at its foot, often a screen away on a phone:
  // bring the message into view and focus it, so the answer to a click is seen (and read out).
  const message = tooLarge ?? state.error;
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!message) return;
    alertRef.current?.scrollIntoView({ block: "center" });
    alertRef.current?.focus({ preventScroll: true });
  }, [message, state]);

  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <input ref={keyInput} type="hidden" name="idempotencyKey" defaultValue="" />
      {message && (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 focus:outline-none dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
          {message}
        </div>
      )}
      <fieldset className="flex flex-col gap-3" disabled={pending}>
        <legend className="mb-2 text-sm font-semibold">Document</legend>
        <FileDropZone file={file} onFile={setFile} error={fieldError("file")} disabled={pending} />
        <div>
          <label htmlFor="text" className="mb-1 block text-sm text-slate-600 dark:text-slate-300">
            …or paste text
          </label>
          <textarea
            id="text"
            name="text"
            rows={6}
            className={`${inputClass} font-mono`}
            placeholder="Paste a contract, report, article or code"
            aria-invalid={fieldError("text") ? true : undefined}
            aria-describedby={fieldError("text") ? "text-error" : undefined}
          />
          <FieldError id="text-error" message={fieldError("text")} />
          {file && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">The chosen file is used; pasted text is ignored.</p>}
        </div>
      </fieldset>
      <div>
        <label htmlFor="request" className="mb-1 block text-sm font-semibold">
          What should be analysed?
        </label>
        <textarea
          id="request"
          name="request"
          rows={3}
          maxLength={4000}
          disabled={pending}
          className={inputClass}
          placeholder="e.g. Find the risky clauses and anything missing. Leave empty for a general analysis."
          aria-invalid={fieldError("request") ? true : undefined}
          aria-describedby={fieldError("request") ? "request-error" : undefined}
        />
        <FieldError id="request-error" message={fieldError("request")} />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="review" value="on" disabled={pending} className="mt-0.5 h-4 w-4 accent-brand" />
        <span>
          <span className="font-semibold">Review the plan first</span>
          <span className="block text-slate-600 dark:text-slate-400">The run stops after planning so you can edit, re-plan or discard the plan before anything runs.</span>
        </span>
      </label>
      <BudgetFields defaults={limits} errors={state.fieldErrors} disabled={pending} />
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
        {engineLine}
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
          {pending && <span aria-hidden="true" className="h-3.5 w-3.5 rounded-full border-2 border-white/40 border-t-white motion-safe:animate-spin" />}
          {pending ? "Starting…" : "Start analysis"}
        </Button>
      </div>
    </form>
  );
}
