import "server-only";
import { mkdirSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { databaseTarget, DATABASE_URL_HELP, type DatabaseTarget } from "./database-url";
import { SettingsError } from "./env";

const bad = (url: string, message: string) => new SettingsError("DATABASE_URL", `Bad setting DATABASE_URL=${JSON.stringify(url)}: ${message}.`);

/**
 * Checks, before anything else runs, that the database in DATABASE_URL can be created, opened and
 * written — so a bad path stops start-up with one clear line instead of answering 500s later.
 * Throws SettingsError naming DATABASE_URL and what to do.
 */
export async function checkDatabase(url: string): Promise<DatabaseTarget> {
  const target = databaseTarget(url);
  if (!target) throw bad(url, DATABASE_URL_HELP);
  switch (target.kind) {
    case "sqlite":
      await checkSqliteFile(url, target.file).catch((error: unknown) => {
        if (error instanceof SettingsError) throw error;
        throw bad(url, `cannot use ${target.file} (${reason(error)}); check the path and its permissions, or choose another path`);
      });
      return target;
    case "postgresql":
      await checkPostgres(target.url).catch((error: unknown) => {
        throw bad(redacted(url), `cannot connect (${reason(error)}); check that the server runs, and the host, port, user and password`);
      });
      return target;
  }
}

/** Connects once. A missing database is fine: start-up creates it with the migrations (SQLSTATE 3D000). */
async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "…";
    return parsed.toString();
  } catch {
    return url;
  }
}

async function checkSqliteFile(url: string, file: string): Promise<void> {
  if (statOrUndefined(file)?.isDirectory()) {
    throw bad(url, `${file} is a folder; name a file inside it, e.g. file:${path.join(file, "foreman.db")}`);
  }
  // The nearest existing ancestor must be a folder: "data.txt/foreman.db" cannot be created.
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const stat = statOrUndefined(dir);
    if (stat && !stat.isDirectory()) throw bad(url, `${dir} is a file, so no database can be created under it; choose another path`);
    if (stat || path.dirname(dir) === dir) break;
  }
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw bad(url, `cannot create the folder ${path.dirname(file)} (${reason(error)}); create it or choose another path`);
  }
  // A write probe: a read-only file or folder must stop start-up, not fail the first run.
  const client = createClient({ url: `file:${file}` });
  try {
    await client.batch(["CREATE TABLE IF NOT EXISTS _foreman_write_check (x INTEGER)", "DROP TABLE _foreman_write_check"], "write");
  } catch (error) {
    throw bad(url, `cannot write the database ${file} (${reason(error)}); make the file and its folder writable by the user running Foreman, or choose another path`);
  } finally {
    client.close();
  }
}

/** Stats a path; undefined when it does not exist (ENOTDIR: an ancestor is a file, found by the caller). */
function statOrUndefined(target: string): Stats | undefined {
  try {
    return statSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]?.slice(0, 200) ?? "unknown error";
}
