import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { postgresServerUrl } from "../support/postgres";

/**
 * One source of truth for the models (prisma/models.prisma.txt), a schema per provider, committed
 * migrations for both: this fails when a schema was not regenerated or a provider's migrations
 * do not produce its schema (Prisma's own differ, through tools/prisma-offline).
 */
describe("database schema", () => {
  it("both provider schemas are generated from prisma/models.prisma.txt", () => {
    expect(() => execFileSync("npx", ["tsx", "scripts/generate-schemas.ts", "--check"], { encoding: "utf8", stdio: "pipe" })).not.toThrow();
  }, 60_000); // a cold tsx start on a loaded machine

  it.each([
    ["SQLite", "prisma/schema.prisma", false],
    ["PostgreSQL", "prisma/postgres/schema.prisma", true],
  ])("the committed %s migrations match its schema", (_name, schema, postgres) => {
    // SQLite's shadow database is in memory; PostgreSQL's is created (and dropped) on the test server.
    const env = { ...process.env, ...(postgres ? { DATABASE_URL: postgresServerUrl() } : {}) };
    const result = spawnSync("tools/prisma-offline/prisma-offline", ["diff", "--schema", schema], { encoding: "utf8", env });
    expect(result.stderr + result.stdout).not.toMatch(/error/i);
    expect(result.status, `${schema} drifted from its migrations:\n${result.stdout}${result.stderr}`).toBe(0);
  }, 180_000);
});
