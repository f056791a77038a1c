"use client";

import { useState, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button-class";

/**
 * "Compare selected runs": the form the rows' checkboxes belong to (`form={id}`). With other
 * than two ticked it stays on the history and says so, instead of leaving for a page that can
 * only send the person back (and lose the ticks). Without JavaScript /compare says the same.
 */
export function CompareForm({ id, preselected }: { id: string; preselected: boolean }) {
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const ticked = document.querySelectorAll(`input[name="run"][form="${id}"]:checked`).length;
    if (ticked === 2) return;
    event.preventDefault();
    setMessage(`Tick exactly two runs to compare (${ticked} ticked).`);
  };
  return (
    <form id={id} action="/compare" onSubmit={onSubmit} className="flex flex-wrap items-center gap-3 text-sm">
      <button type="submit" className={buttonClass("secondary", "sm")}>
        Compare selected runs
      </button>
      {message ? (
        <span role="alert" className="text-red-700 dark:text-red-300">
          {message}
        </span>
      ) : (
        <span className="text-slate-600 dark:text-slate-300">
          {preselected ? "Tick the run to compare with the one already ticked." : "Tick two runs to put them side by side."}
        </span>
      )}
    </form>
  );
}
