import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "./env";
import { processSingleton } from "./global-singleton";

export function databaseUrl(): string {
  return env().DATABASE_URL;
}

/** Creates the folder of a `file:` database so a fresh clone needs no manual step. */
export function ensureDatabaseDir(url: string): void {
  if (!url.startsWith("file:")) return;
  const file = url.slice("file:".length);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

export function db(): PrismaClient {
  return processSingleton("prisma", () => {
    const url = databaseUrl();
    ensureDatabaseDir(url);
    return new PrismaClient({ adapter: new PrismaLibSql({ url }) });
  });
}
