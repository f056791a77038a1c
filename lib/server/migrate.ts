import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createClient } from "@libsql/client";
import { ensureDatabaseDir, providerOf } from "./db";
import { applyPostgresMigrations } from "./migrate-postgres";
import { readMigrations } from "./migration-files";

/**
 * Applies committed migrations (Prisma's layout) that the database has not seen, recording
 * them in `_prisma_migrations` as `prisma migrate deploy` does. Prisma's CLI needs a native
 * engine that cannot be downloaded here, so the app migrates itself at start-up.
 */
export async function applyMigrations(options: { url: string; dir?: string }): Promise<string[]> {
  if (providerOf(options.url) === "postgresql") {
    return applyPostgresMigrations({ url: options.url, dir: options.dir ?? path.resolve(process.cwd(), "prisma/postgres/migrations") });
  }
  const dir = options.dir ?? path.resolve(process.cwd(), "prisma/migrations");
  ensureDatabaseDir(options.url);
  const client = createClient({ url: options.url });
  try {
    // WAL lets the SSE readers read while the event writer writes; the setting persists in the file.
    await client.execute("PRAGMA busy_timeout = 5000"); // another process may be writing the same file
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const done = await client.execute(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const applied = new Map(done.rows.map((r) => [String(r.migration_name), String(r.checksum)]));
    const newlyApplied: string[] = [];
    for (const { name, sql, checksum } of readMigrations(dir)) {
      const previous = applied.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`Migration ${name} was edited after it was applied (checksum mismatch).`);
        continue;
      }
      const startedAt = new Date().toISOString();
      // The migration and its record commit together: a crash cannot leave one without the other.
      await client.migrate([
        ...splitStatements(sql),
        {
          sql: `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          args: [randomUUID(), checksum, new Date().toISOString(), name, startedAt],
        },
      ]).catch((error: unknown) => {
        throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      newlyApplied.push(name);
    }
    return newlyApplied;
  } finally {
    client.close();
  }
}

/** Prisma's migration files are plain statements separated by semicolons at line ends, with `--` comments. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
    .filter((statement) => statement.length > 0);
}
