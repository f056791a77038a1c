import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, startServerExpectingExit, type ServerProcess } from "@/scripts/server-process";

const dir = mkdtempSync(path.join(tmpdir(), "foreman-settings-"));
chmodSync(dir, 0o755); // the read-only case runs as another user, who must reach the folder
const aFile = path.join(dir, "not-a-folder.txt");
writeFileSync(aFile, "x");
const readOnlyDir = path.join(dir, "read-only");
mkdirSync(readOnlyDir);
writeFileSync(path.join(readOnlyDir, "foreman.db"), "");
chmodSync(path.join(readOnlyDir, "foreman.db"), 0o444);
chmodSync(readOnlyDir, 0o555);
// Root writes through any permission bits, so the read-only case runs the server as "nobody".
const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const cases: { name: string; env?: Record<string, string>; databaseUrl?: string; variable: string; says: RegExp; user?: { uid?: number; gid?: number } }[] = [
  { name: "an unknown backend", env: { FOREMAN_BACKEND: "bogus" }, variable: "FOREMAN_BACKEND", says: /one of auto, claude, offline, scripted/ },
  { name: "a database URL that is not a file: URL", databaseUrl: "mysql://localhost/foreman", variable: "DATABASE_URL", says: /SQLite file URL such as file:/ },
  { name: "a database path that is a folder", databaseUrl: `file:${dir}`, variable: "DATABASE_URL", says: /is a folder; name a file inside it/ },
  { name: "a database path under a file", databaseUrl: `file:${path.join(aFile, "foreman.db")}`, variable: "DATABASE_URL", says: /is a file, so no database can be created under it/ },
  { name: "a read-only database", databaseUrl: `file:${path.join(readOnlyDir, "foreman.db")}`, variable: "DATABASE_URL", says: /cannot write the database .*make the file and its folder writable/, user: asUnprivileged },
  { name: "an access token that is too short", env: { FOREMAN_ACCESS_TOKEN: "hunter2" }, variable: "FOREMAN_ACCESS_TOKEN", says: /at least 16 characters/ },
  { name: "an upload limit that is not a number", env: { FOREMAN_MAX_UPLOAD_MB: "twenty" }, variable: "FOREMAN_MAX_UPLOAD_MB", says: /a number above 0/ },
  { name: "an allowed host list that is not host names", env: { FOREMAN_ALLOWED_HOSTS: "http://x.example/" }, variable: "FOREMAN_ALLOWED_HOSTS", says: /host names separated by commas/ },
];

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
  afterAll(() => server?.kill());

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
