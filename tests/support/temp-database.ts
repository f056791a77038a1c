import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Points the server modules at a fresh SQLite file. Call before importing anything from
 * lib/server (env is read once); returns a cleanup function.
 */
export function createTempDatabase(extraEnv: Record<string, string> = {}): { url: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "foreman-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  Object.assign(process.env, { DATABASE_URL: url, ...extraEnv });
  return { url, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
