import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createClient, type Client, type Config } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgres/client";
import { env } from "./env";
import { processSingleton } from "./global-singleton";
import { postgresDatabase } from "./postgres-database";
import { serializeClient } from "./serialized-client";
import type { SqlDatabase } from "./sql-database";
import { sqliteDatabase } from "./sqlite-database";

export function databaseUrl(): string {
  return env().DATABASE_URL;
}

export type DatabaseProvider = "sqlite" | "postgresql";

/** `postgresql://` or `postgres://` selects PostgreSQL; anything else is a SQLite (libsql) URL. */
export function providerOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

export function databaseProvider(): DatabaseProvider {
  return providerOf(databaseUrl());
}

/** Creates the folder of a `file:` database so a fresh clone needs no manual step. */
export function ensureDatabaseDir(url: string): void {
  if (!url.startsWith("file:")) return;
  const file = url.slice("file:".length);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * The process's one SQLite connection, shared by Prisma and the event writer. SQLite allows one
 * writer at a time, and libsql waits for a lock by blocking the JavaScript thread — so two
 * connections in one process can deadlock (the waiter blocks the thread the holder needs to
 * commit). With one connection, the client queues operations asynchronously instead.
 */
export function sqlClient(): Client {
  return processSingleton("sql-client", () => {
    const url = databaseUrl();
    ensureDatabaseDir(url);
    const client = serializeClient(createClient({ url, concurrency: 1 }));
    // WAL with synchronous=NORMAL survives a killed process (the crash that matters here); only an
    // OS crash could lose the last commits. Set on the one connection, so it holds for every write.
    void client.execute("PRAGMA synchronous = NORMAL");
    // Another process on the same file (a second `npm start`) may hold the write lock for a few
    // milliseconds: wait for it instead of failing with SQLITE_BUSY (SQLite's default is not to wait).
    void client.execute("PRAGMA busy_timeout = 5000");
    return client;
  });
}

/** The process's PostgreSQL pool, shared by Prisma and the SQL layer. */
export function pgPool(): pg.Pool {
  return processSingleton("pg-pool", () => {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: env().FOREMAN_PG_POOL_SIZE });
    pool.on("error", (error) => console.error("[foreman] idle PostgreSQL connection failed:", error.message));
    return pool;
  });
}

/** The SQL layer for the hot paths (sql-database.ts), on the configured database. */
export function sqlDatabase(): SqlDatabase {
  return processSingleton("sql-database", () => (databaseProvider() === "postgresql" ? postgresDatabase(pgPool()) : sqliteDatabase(sqlClient())));
}

/** Hands Prisma the shared client instead of letting it open a pool of its own. */
class SharedClientAdapter extends PrismaLibSql {
  constructor(private readonly shared: Client) {
    super({ url: databaseUrl() });
  }
  override createClient(_config: Config): Client {
    return this.shared;
  }
}

/**
 * Prisma on the configured database. The two providers need two generated clients (a client is
 * generated for one provider); their model APIs are the same, generated from one set of models
 * (prisma/models.prisma.txt), so the PostgreSQL client is typed as the SQLite one.
 */
export function db(): PrismaClient {
  return processSingleton("prisma", () =>
    databaseProvider() === "postgresql"
      ? (new PostgresPrismaClient({ adapter: new PrismaPg(pgPool()) }) as unknown as PrismaClient)
      : new PrismaClient({ adapter: new SharedClientAdapter(sqlClient()) }),
  );
}
