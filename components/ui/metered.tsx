import type { ReactNode } from "react";

/**
 * Tokens or cost of a run, or "—" for the offline engine: it makes no model calls, so its runs
 * have no such figures (a "0 tok" / "$0" would read as a measurement).
 */
export function Metered({ backend, children }: { backend: string | undefined; children: ReactNode }) {
  if (backend !== "offline") return <>{children}</>;
  return (
    <span title="The offline engine makes no model calls: nothing to meter">
      <span aria-hidden="true">—</span>
      <span className="sr-only">not metered</span>
    </span>
  );
}
