import { z } from "zod";

export const HISTORY_PAGE_SIZE = 20;
export const HISTORY_STATUSES = ["pending", "planning", "running", "synthesizing", "succeeded", "partial", "failed", "canceled"] as const;
export const HISTORY_BACKENDS = ["offline", "claude"] as const;

export type HistoryQuery = { q: string; status: string; backend: string; page: number };

const one = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional());

const querySchema = z.object({
  q: one.transform((v) => (v ?? "").trim().slice(0, 200)),
  status: one.transform((v) => (HISTORY_STATUSES.some((s) => s === v) ? (v ?? "") : "")),
  backend: one.transform((v) => (HISTORY_BACKENDS.some((b) => b === v) ? (v ?? "") : "")),
  page: one.transform((v) => {
    const n = Number.parseInt(v ?? "1", 10);
    return Number.isFinite(n) && n > 0 ? n : 1;
  }),
});

/** Search params from the URL, validated: unknown filters are dropped rather than trusted. */
export function parseHistoryQuery(params: Record<string, string | string[] | undefined>): HistoryQuery {
  return querySchema.parse(params);
}

/** The history URL for a query, leaving out defaults so links stay short. */
export function historyHref(query: HistoryQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.backend) params.set("backend", query.backend);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/runs?${search}` : "/runs";
}
