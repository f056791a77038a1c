import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createClient, type Client, type Config } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "./env";
import { processSingleton } from "./global-singleton";
import { serializeClient } from "./serialized-client";

export function databaseUrl(): string {
  return env().DATABASE_URL;
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
    return client;
  });
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

export function db(): PrismaClient {
  return processSingleton("prisma", () => new PrismaClient({ adapter: new SharedClientAdapter(sqlClient()) }));
}
