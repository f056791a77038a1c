import { describe, expect, it } from "vitest";
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
    expect(env).toMatchObject({ DATABASE_URL: "file:./data/foreman.db", FOREMAN_BACKEND: "auto", FOREMAN_MAX_UPLOAD_MB: 20, FOREMAN_SESSION_DAYS: 7, FOREMAN_ALLOWED_HOSTS: [] });
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
