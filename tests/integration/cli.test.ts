import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run("node_modules/.bin/tsx", ["scripts/analyze.ts", ...args], { env: { ...process.env, ANTHROPIC_API_KEY: "", FOREMAN_BACKEND: "offline" } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe("npm run analyze", () => {
  it("prints a Markdown report with cited findings for a source file", async () => {
    const { code, stdout } = await cli("tests/fixtures/code.py", "--concurrency", "2");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# code\.py/m);
    expect(stdout).toMatch(/## Critical \(\d+\)/);
    expect(stdout).toContain("eval(");
  });

  it("streams run events as NDJSON with --json", async () => {
    const { code, stdout } = await cli("tests/fixtures/news.html", "--json");
    expect(code).toBe(0);
    const events = stdout.trim().split("\n").map((l) => JSON.parse(l) as RunEvent);
    expect(events[0]?.type).toBe("run-start");
    expect(events.at(-1)?.type).toBe("run-end");
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("fails with a clear message on bad input", async () => {
    const missing = await cli("no/such/file.txt");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No such file: no/such/file.txt");
    const fake = await cli("tests/fixtures/fake.pdf");
    expect(fake.code).toBe(1);
    expect(fake.stderr).toMatch(/PNG/);
    const usage = await cli("--concurrency", "0", "x.txt");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--concurrency needs a positive whole number");
  });
});
