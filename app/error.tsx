"use client";

import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{error.message || "An unexpected error occurred."}</p>
      {error.digest && <p className="mt-1 text-xs text-slate-500">Reference: {error.digest}</p>}
      <Button variant="primary" className="mt-6" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
