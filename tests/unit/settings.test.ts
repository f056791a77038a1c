import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDatabase } from "@/lib/server/database-check";
import { parseEnv, SettingsError } from "@/lib/server/env";
import { databaseTarget } from "@/lib/server/database-url";

const failure = (source: Record<string, string>) => {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof SettingsError) return { variable: error.variable, message: error.message };
    throw error;
  }
  throw new Error("expected a SettingsError");
};

describe("settings", () => {
  it("gives every setting its default when nothing is set, and treats empty as unset", () => {
    const env = parseEnv({ FOREMAN_MAX_UPLOAD_MB: "", ANTHROPIC_API_KEY: "" });
    expect(env).toMatchObject({ DATABASE_URL: "file:./data/foreman.db", FOREMAN_BACKEND: "auto", FOREMAN_MAX_UPLOAD_MB: 20, FOREMAN_SESSION_DAYS: 7, FOREMAN_ALLOWED_HOSTS: [], FOREMAN_HEADER_TIMEOUT_MS: 10_000, FOREMAN_MAX_INFLATED_MB: 256 });
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(env.FOREMAN_ACCESS_TOKEN).toBeUndefined();
  });

  it("names the variable, quotes the value and says what to do", () => {
    expect(failure({ FOREMAN_CONCURRENCY: "0" })).toEqual({
      variable: "FOREMAN_CONCURRENCY",
      message: 'Bad setting FOREMAN_CONCURRENCY="0": expected the number of tasks run at once per run (a whole number above 0).',
    });
    expect(failure({ FOREMAN_MAX_TASKS: "2.5" }).variable).toBe("FOREMAN_MAX_TASKS");
    expect(failure({ ANTHROPIC_BASE_URL: "not a url" }).message).toContain("http(s) URL");
  });

  it("refuses the Claude backend without a key", () => {
    expect(failure({ FOREMAN_BACKEND: "claude" })).toMatchObject({ variable: "FOREMAN_BACKEND", message: expect.stringContaining("needs ANTHROPIC_API_KEY") });
    expect(parseEnv({ FOREMAN_BACKEND: "claude", ANTHROPIC_API_KEY: "k" }).FOREMAN_BACKEND).toBe("claude");
  });

  it("never prints a secret's value", () => {
    const { message } = failure({ FOREMAN_ACCESS_TOKEN: "sekrit" });
    expect(message).not.toContain("sekrit");
    expect(message).toContain("at least 16 characters");
  });

  it("parses the allowed hosts as a list", () => {
    expect(parseEnv({ FOREMAN_ALLOWED_HOSTS: "Foreman.Example.com, 10.0.0.5:3000,[::1]:8080" }).FOREMAN_ALLOWED_HOSTS).toEqual(["foreman.example.com", "10.0.0.5:3000", "[::1]:8080"]);
    expect(failure({ FOREMAN_ALLOWED_HOSTS: "https://foreman.example.com" }).variable).toBe("FOREMAN_ALLOWED_HOSTS");
  });

  it("accepts only database URLs it can use", () => {
    expect(databaseTarget("file:./data/foreman.db")?.kind).toBe("sqlite");
    expect(databaseTarget("file:///tmp/x.db")).toEqual({ kind: "sqlite", file: "/tmp/x.db" });
    for (const url of ["file:", "file::memory:", "file:x.db?mode=ro", "./data/foreman.db", "mysql://h/db", "http://x"]) {
      expect(databaseTarget(url), url).toBeUndefined();
    }
  });
});

/**
 * The messages start-up prints for a bad setting (startServerOrExit prints `[foreman] ` + the
 * message and exits 1; tests/system/bad-settings.test.ts proves that path with real servers).
 */
describe("bad settings: one line naming the variable and saying what to do", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "foreman-settings-"));
  const aFile = path.join(dir, "not-a-folder.txt");
  writeFileSync(aFile, "x");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const databaseFailure = async (url: string) => {
    const error: unknown = await checkDatabase(url).then(() => undefined, (e: unknown) => e);
    if (!(error instanceof SettingsError)) throw new Error(`expected a SettingsError for ${url}, got ${String(error)}`);
    return { variable: error.variable, message: error.message };
  };
  const expectOneLine = ({ variable, message }: { variable: string; message: string }, expected: string, says: RegExp) => {
    expect(variable).toBe(expected);
    expect(message.startsWith(`Bad setting ${expected}=`), message).toBe(true);
    expect(message).toMatch(says);
    expect(message).not.toContain("\n");
  };

  it.each<{ name: string; env: Record<string, string>; variable: string; says: RegExp }>([
    { name: "an unknown backend", env: { FOREMAN_BACKEND: "bogus" }, variable: "FOREMAN_BACKEND", says: /one of auto, claude, offline, scripted/ },
    { name: "a database URL that is not a file: URL", env: { DATABASE_URL: "mysql://localhost/foreman" }, variable: "DATABASE_URL", says: /SQLite file URL such as file:/ },
    { name: "an access token that is too short", env: { FOREMAN_ACCESS_TOKEN: "hunter2" }, variable: "FOREMAN_ACCESS_TOKEN", says: /at least 16 characters/ },
    { name: "an upload limit that is not a number", env: { FOREMAN_MAX_UPLOAD_MB: "twenty" }, variable: "FOREMAN_MAX_UPLOAD_MB", says: /a number above 0/ },
    { name: "a header timeout past Node's request timeout", env: { FOREMAN_HEADER_TIMEOUT_MS: "400000" }, variable: "FOREMAN_HEADER_TIMEOUT_MS", says: /at most 300000/ },
    { name: "an inflate cap that is not a whole number", env: { FOREMAN_MAX_INFLATED_MB: "1.5" }, variable: "FOREMAN_MAX_INFLATED_MB", says: /megabytes a PDF's compressed streams may inflate to/ },
    { name: "an allowed host list that is not host names", env: { FOREMAN_ALLOWED_HOSTS: "http://x.example/" }, variable: "FOREMAN_ALLOWED_HOSTS", says: /host names separated by commas/ },
  ])("parseEnv: $name", ({ env, variable, says }) => {
    const result = failure(env);
    expectOneLine(result, variable, says);
    expect(result.message).not.toContain("hunter2");
  });

  it("checkDatabase: a database URL that is not a file: URL", async () => {
    expectOneLine(await databaseFailure("mysql://localhost/foreman"), "DATABASE_URL", /SQLite file URL such as file:/);
  });

  it("checkDatabase: a database path that is a folder", async () => {
    expectOneLine(await databaseFailure(`file:${dir}`), "DATABASE_URL", /is a folder; name a file inside it/);
  });

  it("checkDatabase: a database path under a file", async () => {
    expectOneLine(await databaseFailure(`file:${path.join(aFile, "foreman.db")}`), "DATABASE_URL", /is a file, so no database can be created under it/);
  });

  it("checkDatabase: a usable path passes and the database can be written", async () => {
    await expect(checkDatabase(`file:${path.join(dir, "sub", "foreman.db")}`)).resolves.toMatchObject({ kind: "sqlite" });
  });
});
