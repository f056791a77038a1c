/**
 * Starts the production server (`next start`) in its own process group on a free port, with a
 * throw-away database unless one is given, and stops the whole group — `next start` spawns a
 * child that would otherwise outlive its parent and keep the port. Used by benchmarks and the
 * crash/restart tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type ServerProcess = { url: string; port: number; databaseUrl: string; child: ChildProcess; output: () => string; kill: (signal?: NodeJS.Signals) => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Folders of the throw-away databases made here, each with how many servers started on it are still running. */
const tempDatabases = new Map<string, { dir: string; running: number }>();

/** A throw-away SQLite database in its own /tmp folder, removed by removeTempDatabases (at the latest when this process exits). */
function tempDatabaseUrl(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "foreman-srv-"));
  const url = `file:${path.join(dir, "db.sqlite")}`;
  tempDatabases.set(url, { dir, running: 0 });
  return url;
}

/**
 * Deletes the throw-away databases whose servers have all stopped. A stopped server's database is
 * kept until then because tests restart a server on it (crash and resume); call this in afterAll.
 */
export function removeTempDatabases(): void {
  for (const url of tempDatabases.keys()) removeTempDatabase(url);
}

/** Deletes one throw-away database made here, unless a server still runs on it. */
function removeTempDatabase(url: string): void {
  const entry = tempDatabases.get(url);
  if (!entry || entry.running > 0) return;
  rmSync(entry.dir, { recursive: true, force: true });
  tempDatabases.delete(url);
}

process.once("exit", () => {
  for (const { dir } of tempDatabases.values()) rmSync(dir, { recursive: true, force: true });
});

type StartOptions = { env?: Record<string, string>; databaseUrl?: string; port?: number; hostname?: string; uid?: number; gid?: number };

/**
 * Spawns `next start`. A spawn failure (no `next` binary, bad uid) is an 'error' event, not an
 * exit: `failed()` then returns it so callers fail at once with it instead of waiting 60 s.
 */
function spawnServer(options: StartOptions & { port: number; databaseUrl: string }): { child: ChildProcess; failed: () => Error | undefined } {
  const temp = tempDatabases.get(options.databaseUrl);
  if (temp) temp.running++;
  const child = spawn("node_modules/.bin/next", ["start", "--hostname", options.hostname ?? "127.0.0.1", "--port", String(options.port)], {
    detached: true, // its own process group, so kill() reaches next's child too
    // scripts/http-timeouts.mjs: the header timeout, as `npm start` sets it.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ANTHROPIC_API_KEY: "", DATABASE_URL: options.databaseUrl, NODE_OPTIONS: `--import ${path.resolve("scripts/http-timeouts.mjs")} ${process.env.NODE_OPTIONS ?? ""}`, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  let error: Error | undefined;
  child.once("error", (e) => {
    error = new Error(`could not start node_modules/.bin/next: ${e.message}`, { cause: e });
  });
  // 'exit' (kill() waits for it) or, when the spawn failed, possibly only 'error': count it once.
  let stopped = false;
  const stop = () => {
    if (temp && !stopped) temp.running--;
    stopped = true;
  };
  child.once("exit", stop);
  child.once("error", stop);
  return { child, failed: () => error };
}

/**
 * Starts a server that is expected to refuse to start (a bad setting): resolves with its exit code
 * and output once it exits. Fails if it answers /api/health instead, or has not exited in 60 s.
 */
export async function startServerExpectingExit(options: StartOptions = {}): Promise<{ code: number | null; output: string }> {
  const port = options.port ?? (await freePort());
  const temp = options.databaseUrl === undefined;
  const databaseUrl = options.databaseUrl ?? tempDatabaseUrl();
  const { child, failed } = spawnServer({ ...options, port, databaseUrl });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  // 'close' comes after 'exit' and the end of its output, and also after a failed spawn.
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const code = await Promise.race([closed, new Promise<"running">((r) => setTimeout(() => r("running"), 150))]);
    const error = failed();
    if (error) throw error;
    if (code !== "running") {
      if (temp) removeTempDatabase(databaseUrl);
      return { code, output };
    }
    const answered = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => undefined);
    if (answered !== undefined || Date.now() > deadline) {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
      throw new Error(`server did not refuse to start (health answered ${String(answered)}):\n${output}`);
    }
  }
}

export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const databaseUrl = options.databaseUrl ?? tempDatabaseUrl();
  const { child, failed } = spawnServer({ ...options, port, databaseUrl });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      return;
    }
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const error = failed();
    if (error) throw error;
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await kill("SIGKILL");
      throw new Error(`server did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, port, databaseUrl, child, output: () => output, kill };
}
