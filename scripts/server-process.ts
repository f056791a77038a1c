/**
 * Starts the production server (`next start`) in its own process group on a free port, with a
 * throw-away database unless one is given, and stops the whole group — `next start` spawns a
 * child that would otherwise outlive its parent and keep the port. Used by benchmarks and the
 * crash/restart tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
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

export async function startServer(options: { env?: Record<string, string>; databaseUrl?: string; port?: number } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const databaseUrl = options.databaseUrl ?? `file:${path.join(mkdtempSync(path.join(tmpdir(), "foreman-srv-")), "db.sqlite")}`;
  const child = spawn("node_modules/.bin/next", ["start", "--hostname", "127.0.0.1", "--port", String(port)], {
    detached: true, // its own process group, so kill() reaches next's child too
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ANTHROPIC_API_KEY: "", DATABASE_URL: databaseUrl, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
