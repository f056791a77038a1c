import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The test PostgreSQL server's URL (any database on it): FOREMAN_TEST_PG_URL, or the throw-away
 * server scripts/ensure-postgres.sh starts (installing PostgreSQL 15 first when missing).
 */
export function postgresServerUrl(): string {
  const url = process.env.FOREMAN_TEST_PG_URL ?? execFileSync("bash", ["scripts/ensure-postgres.sh"], { encoding: "utf8" }).trim();
  process.env.FOREMAN_TEST_PG_URL = url;
  return url;
}

/** A URL naming a fresh database on the test server (the app creates it when it migrates). */
export function freshPostgresUrl(prefix = "foreman_test"): { url: string; drop: () => Promise<void> } {
  const server = new URL(postgresServerUrl());
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new pg.Client({ connectionString: server.toString() });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
