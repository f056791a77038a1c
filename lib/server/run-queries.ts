import "server-only";
import { documentFormatSchema, type Document } from "../documents/document";
import type { RunEvent, RunLimits } from "../engine/events";
import type { Prisma } from "../generated/prisma/client";
import { db, sqlDatabase } from "./db";
import { parseDocumentMetadata, parseEventPayload, parseLimits, parsePages } from "./json-columns";

type DocumentRow = { title: string; fileName: string; mediaType: string; format: string; language: string | null; text: string; pagesJson: string; metadataJson: string; byteSize: number; sha256: string };

export function documentFromRow(row: DocumentRow): Document {
  const metadata = parseDocumentMetadata(row.metadataJson);
  return {
    title: row.title,
    fileName: row.fileName,
    mediaType: row.mediaType,
    format: documentFormatSchema.parse(row.format),
    ...(row.language ? { language: row.language } : {}),
    text: row.text,
    pages: parsePages(row.pagesJson),
    byteSize: row.byteSize,
    sha256: row.sha256,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

/**
 * Stored events of a run with `seq > after`, in order. Every SSE connection starts here, so it
 * reads through the SQL layer directly (see event-writer.ts for why the hot path skips Prisma).
 */
export async function listEvents(runId: string, after = 0): Promise<RunEvent[]> {
  const rows = await sqlDatabase().query(`SELECT "payload" FROM "RunEvent" WHERE "runId" = ? AND "seq" > ? ORDER BY "seq"`, [runId, after]);
  return rows.map((row) => parseEventPayload(String(row.payload)));
}

export async function runStatus(runId: string): Promise<string | undefined> {
  const rows = await sqlDatabase().query(`SELECT "status" FROM "Run" WHERE "id" = ?`, [runId]);
  const row = rows[0];
  return row ? String(row.status) : undefined;
}

/** The document's title for the run page's tab, without loading the whole run. */
export async function getRunTitle(runId: string): Promise<string | undefined> {
  const run = await db().run.findUnique({ where: { id: runId }, select: { document: { select: { title: true, fileName: true } } } });
  return run ? run.document.title || run.document.fileName : undefined;
}

export type RunView = {
  run: { id: string; status: string; request: string; backend: string; createdAt: string };
  events: RunEvent[];
  document: Pick<Document, "title" | "fileName" | "mediaType" | "format" | "text" | "pages" | "metadata">;
};

/** Everything the run page needs; the page rebuilds the run from `events` with reduceRun. */
export async function getRunView(runId: string): Promise<RunView | undefined> {
  const run = await db().run.findUnique({ where: { id: runId }, include: { document: true } });
  if (!run) return undefined;
  const document = documentFromRow(run.document);
  return {
    run: { id: run.id, status: run.status, request: run.request, backend: run.backend, createdAt: run.createdAt.toISOString() },
    events: await listEvents(runId),
    document: { title: document.title, fileName: document.fileName, mediaType: document.mediaType, format: document.format, text: document.text, pages: document.pages, metadata: document.metadata },
  };
}

export type RunRow = {
  id: string;
  documentName: string;
  /** The document's title (its first heading or line): tells apart runs on pasted text, all "pasted-text.txt". */
  documentTitle: string;
  request: string;
  status: string;
  backend: string;
  createdAt: string;
  durationMs: number | null;
  taskCount: number;
  totalTokens: number;
  costUsd: number;
};

/** Highest history page served: far beyond any real history, small enough for an SQL offset. */
export const MAX_HISTORY_PAGE = 1_000_000;

export async function listRuns(query: { q?: string; status?: string; backend?: string; page: number; pageSize: number }) {
  const q = query.q?.trim();
  let where: Prisma.RunWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.backend ? { backend: query.backend } : {}),
    ...(q ? { OR: [{ request: { contains: q } }, { document: { fileName: { contains: q } } }, { document: { title: { contains: q } } }] } : {}),
  };
  // Prisma's `contains` is SQL LIKE without escaping, so `%` and `_` would match anything: such a
  // search narrows the LIKE matches (a superset) to those that contain the text literally.
  if (q && /[%_]/.test(q)) {
    const needle = q.toLowerCase();
    const candidates = await db().run.findMany({ where, select: { id: true, request: true, document: { select: { fileName: true, title: true } } } });
    const ids = candidates.filter((r) => [r.request, r.document.fileName, r.document.title].some((v) => v.toLowerCase().includes(needle))).map((r) => r.id);
    where = { id: { in: ids } };
  }
  // A page number past any real history (e.g. ?page=99999999999999999999) must not reach SQL as an overflowing offset.
  const page = Math.min(Math.max(1, Math.floor(query.page) || 1), MAX_HISTORY_PAGE);
  const [total, runs] = await Promise.all([
    db().run.count({ where }),
    db().run.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * query.pageSize,
      take: query.pageSize,
      include: { document: { select: { fileName: true, title: true } } },
    }),
  ]);
  const rows: RunRow[] = runs.map((r) => ({
    id: r.id,
    documentName: r.document.fileName,
    documentTitle: r.document.title,
    request: r.request,
    status: r.status,
    backend: r.backend,
    createdAt: r.createdAt.toISOString(),
    durationMs: r.startedAt && r.endedAt ? r.endedAt.getTime() - r.startedAt.getTime() : null,
    taskCount: r.taskCount,
    totalTokens: r.inputTokens + r.outputTokens + r.cacheCreationTokens + r.cacheReadTokens,
    costUsd: r.costUsd,
  }));
  return { rows, total, page, pageSize: query.pageSize };
}

/** The stored document, request and limits of a run, to start it again. */
export async function getRunSource(runId: string): Promise<{ document: Document; request: string; limits: RunLimits } | undefined> {
  const run = await db().run.findUnique({ where: { id: runId }, include: { document: true } });
  return run ? { document: documentFromRow(run.document), request: run.request, limits: parseLimits(run.limitsJson) } : undefined;
}
