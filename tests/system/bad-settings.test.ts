import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDatabases, startServer, startServerExpectingExit, type ServerProcess } from "@/scripts/server-process";

const dir = mkdtempSync(path.join(tmpdir(), "foreman-settings-"));
chmodSync(dir, 0o755); // the read-only case runs as another user, who must reach the folder
const readOnlyDir = path.join(dir, "read-only");
mkdirSync(readOnlyDir);
writeFileSync(path.join(readOnlyDir, "foreman.db"), "");
chmodSync(path.join(readOnlyDir, "foreman.db"), 0o444);
chmodSync(readOnlyDir, 0o555);
// Root writes through any permission bits, so the read-only case runs the server as "nobody".
const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * Two real start-ups prove the path from a SettingsError to one line and exit code 1: a bad
 * variable (whose secret value must not be printed) and an unusable database (read-only, which
 * needs another user, so it cannot be checked in-process as root). Every other message is checked
 * against parseEnv / checkDatabase directly in tests/unit/settings.test.ts.
 */
const cases: { name: string; env?: Record<string, string>; databaseUrl?: string; variable: string; says: RegExp; user?: { uid?: number; gid?: number } }[] = [
  { name: "an access token that is too short", env: { FOREMAN_ACCESS_TOKEN: "hunter2" }, variable: "FOREMAN_ACCESS_TOKEN", says: /at least 16 characters/ },
  { name: "a read-only database", databaseUrl: `file:${path.join(readOnlyDir, "foreman.db")}`, variable: "DATABASE_URL", says: /cannot write the database .*make the file and its folder writable/, user: asUnprivileged },
];

afterAll(() => {
  chmodSync(readOnlyDir, 0o755); // rm needs to write the folder to delete the file in it
  rmSync(dir, { recursive: true, force: true });
});

describe("bad settings stop start-up with one clear line and exit code 1", () => {
  it.each(cases)("$name", async ({ env, databaseUrl, variable, says, user }) => {
    const { code, output } = await startServerExpectingExit({ ...(env ? { env } : {}), ...(databaseUrl ? { databaseUrl } : {}), ...user });
    expect(code, output).toBe(1);
    const lines = output.split("\n").filter((line) => line.startsWith("[foreman]"));
    expect(lines, output).toHaveLength(1);
    expect(lines[0]).toContain(`Bad setting ${variable}`);
    expect(lines[0]).toMatch(says);
    expect(output).not.toMatch(/at \S+ \(/); // no stack trace
    if (variable === "FOREMAN_ACCESS_TOKEN") expect(output).not.toContain("hunter2");
  });
});

describe("/api/health", () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill();
    removeTempDatabases();
  });

  it("reports the database and the engine as they are", async () => {
    server = await startServer({ env: { FOREMAN_BACKEND: "scripted" } });
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      role: "all",
      process: { pid: expect.any(Number), executor: expect.any(String) },
      database: { ok: true, kind: "sqlite" },
      engine: { backend: "scripted", label: "Scripted test backend" },
      executors: [expect.objectContaining({ role: "all", activeRuns: 0, alive: true })],
    });
  });
});
