import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { exitAfterDrain } from "@/scripts/cli/exit-after-drain";

/** Runs the CLI with its stdout read by a deliberately slow consumer, as `| slow-program` would. */
async function slowlyPiped(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("node_modules/.bin/tsx", ["scripts/analyze.ts", ...args], {
    env: { ...process.env, ANTHROPIC_API_KEY: "", FOREMAN_BACKEND: "offline", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout) {
    chunks.push(chunk as Buffer);
    await new Promise((resolve) => setTimeout(resolve, 2)); // the reader lags behind the writer
  }
  return { code: await exited, stdout: Buffer.concat(chunks).toString("utf8"), stderr };
}

describe("CLI output through a pipe", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "foreman-cli-"));
  // Far more than a pipe holds (64 KB on Linux), so an early exit would lose the end.
  const big = Array.from({ length: 30_000 }, (_, i) => `Line ${i}: the Supplier shall deliver the goods on time.`).join("\n");
  writeFileSync(join(dir, "big.txt"), big);
  let refusing: Server;
  let refusingPort = 0;

  beforeAll(async () => {
    // A "model API" that refuses every request as invalid (not retryable): the run fails at once.
    refusing = createServer((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "refused by the test server" } }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const address = refusing.address();
    refusingPort = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

  it("--text prints the whole stored text and the summary line, even to a slow reader", async () => {
    const { code, stdout } = await slowlyPiped([join(dir, "big.txt"), "--text"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${big}\nformat: text · pages: - · encoding: utf-8 (detected) · hidden passages left out: 0 · characters: ${big.length}\n`);
  });

  it("--json output is complete when piped", async () => {
    const { code, stdout } = await slowlyPiped(["tests/fixtures/contract.pdf", "--json"]);
    expect(code).toBe(0);
    expect(stdout.endsWith("\n")).toBe(true);
    const events = stdout.trim().split("\n").map((line) => JSON.parse(line) as RunEvent);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe("run-end");
  });

  it("--json exits non-zero when the run fails, after printing the run-error", async () => {
    const { code, stdout } = await slowlyPiped(["tests/fixtures/contract.txt", "--json"], {
      FOREMAN_BACKEND: "claude",
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${refusingPort}`,
    });
    expect(code).toBe(1);
    const events = stdout.trim().split("\n").map((line) => JSON.parse(line) as RunEvent);
    expect(events.at(-1)?.type).toBe("run-error");
  });
});

describe("exitAfterDrain", () => {
  it("exits only once both streams have taken everything written", async () => {
    const pending: (() => void)[] = [];
    const stream = { write: (_chunk: string, callback?: () => void) => (callback && pending.push(callback), true) } as Pick<NodeJS.WritableStream, "write">;
    const exits: number[] = [];
    const done = exitAfterDrain(3, { stdout: stream, stderr: stream, exit: (code) => exits.push(code) });
    await Promise.resolve();
    expect(exits).toEqual([]);
    pending.splice(0).forEach((flush) => flush());
    await done;
    expect(exits).toEqual([3]);
  });
});
