import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type SecondServer = { baseURL: string; stop: () => void };

/**
 * Starts another production server (scripts/e2e-server.sh: its own temp database) with extra
 * environment, e.g. the scripted backend, on the e2e port + `offset`. Waits until it answers.
 */
export async function startSecondServer(env: Record<string, string>, offset = 1): Promise<SecondServer> {
  const port = Number(process.env.E2E_PORT ?? 3100) + offset;
  const child: ChildProcess = spawn("bash", ["scripts/e2e-server.sh", String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true, // its own process group: `next start` spawns a child that must stop with it
    stdio: "ignore",
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second server exited with ${child.exitCode}`);
    const ok = await fetch(`${baseURL}/`).then((r) => r.ok, () => false);
    if (ok) return { baseURL, stop };
    if (Date.now() > deadline) {
      stop();
      throw new Error(`the second server did not answer on ${baseURL} within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
