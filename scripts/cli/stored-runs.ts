import { existsSync } from "node:fs";
import { register } from "node:module";
import { z } from "zod";
import type { RunComparison } from "../../lib/compare/compare-runs";
import type { Document } from "../../lib/documents/document";
import { ForemanError } from "../../lib/engine/errors";
import type { RunEvent } from "../../lib/engine/events";
import { databaseTarget } from "../../lib/server/database-url";
import type { RunRow } from "../../lib/server/run-queries";

/**
 * The CLI's read-only access to the runs the server stored (DATABASE_URL, same default as the
 * server). lib/server's modules start with `import "server-only"`, which throws outside a React
 * Server Component bundle; this process is such a server, so `server-only` is resolved with the
 * `react-server` condition (its empty module) — the same thing Next's server bundle does.
 */
let hooked = false;
function allowServerModules(): void {
  if (hooked) return;
  hooked = true;
  const hook = `export async function resolve(specifier, context, next) {
    return specifier === "server-only" ? next(specifier, { ...context, conditions: [...context.conditions, "react-server"] }) : next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
}

const runId = z.string().uuid();

/** Checks an id the user typed; throws invalid_input naming it. */
function checkRunId(id: string): void {
  if (!runId.safeParse(id).success) {
    throw new ForemanError("invalid_input", `"${id}" is not a run id (a UUID such as 0b6c…); \`npm run analyze -- runs\` lists the stored runs`);
  }
}

/** Refuses to read a database that does not exist (opening a SQLite file would create it empty). */
function checkDatabaseExists(url: string): void {
  const target = databaseTarget(url);
  if (target?.kind === "sqlite" && !existsSync(target.file)) {
    throw new ForemanError("not_found", `No runs are stored yet: ${target.file} (DATABASE_URL) does not exist. Runs started in the browser or with POST /api/runs are stored there.`);
  }
}

/** A database the server never started on has no tables: say so instead of an SQL error. */
function explainMissingTables(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (/no such table|relation "[^"]+" does not exist/i.test(message)) {
    throw new ForemanError("not_found", "No runs are stored yet: the database has no Foreman tables (start the server once with npm start to create them).");
  }
  throw error;
}

async function serverModules() {
  allowServerModules();
  const { env } = await import("../../lib/server/env");
  checkDatabaseExists(env().DATABASE_URL);
  const [compare, queries] = await Promise.all([import("../../lib/server/compare-service"), import("../../lib/server/run-queries")]);
  return { compare, queries };
}

/**
 * The comparison `GET /api/compare?a=&b=` answers, from the same function. Throws
 * invalid_input for a malformed id or the same id twice, not_found naming a missing run.
 */
export async function compareStored(a: string, b: string): Promise<RunComparison> {
  checkRunId(a);
  checkRunId(b);
  const { compare } = await serverModules();
  return compare.compareStoredRuns(a, b).catch(explainMissingTables);
}

/** The newest `limit` stored runs, newest first (the history page's rows). */
export async function recentRuns(limit: number): Promise<RunRow[]> {
  const { queries } = await serverModules();
  const { rows } = await queries.listRuns({ page: 1, pageSize: limit }).catch(explainMissingTables);
  return rows;
}

/** Stores an ended CLI run (`--save`) as the server would have: see lib/server/store-run.ts. Returns its id. */
export async function storeRun(document: Document, events: readonly RunEvent[]): Promise<string> {
  allowServerModules();
  const { storeFinishedRun } = await import("../../lib/server/store-run");
  return storeFinishedRun({ document, events });
}
