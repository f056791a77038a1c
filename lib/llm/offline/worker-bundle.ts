import { createHash } from "node:crypto";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Builds worker-entry.ts and everything it imports into one self-contained ES module with esbuild
 * and returns its path. Why a bundle: the worker thread is started by path, outside Next's server
 * bundle (like lib/documents/parse-worker.mjs), and on Node 20 it cannot load TypeScript itself.
 * One build serves `next start`, tsx (CLI) and Vitest.
 *
 * The file is named by the hash of its contents, so a changed source gives a new file (never a
 * stale worker) and concurrent processes building the same code write the same bytes (written to
 * a temporary name and renamed, which is atomic). Built once per process, ~0.2 s.
 */
let built: Promise<string> | undefined;

export function offlineWorkerBundle(): Promise<string> {
  built ??= build().catch((error: unknown) => {
    built = undefined; // a failed build (e.g. a syntax error while developing) is retried next time
    throw error;
  });
  return built;
}

async function build(): Promise<string> {
  // Resolved from the project root, where the app, the tests and the CLI all run.
  const root = /*turbopackIgnore: true*/ process.cwd();
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [path.join(root, "lib", "llm", "offline", "worker-entry.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
    legalComments: "none",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error("esbuild produced no output for the offline worker");
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const dir = path.join(root, "node_modules", ".cache", "foreman");
  const file = path.join(dir, `offline-worker-${hash}.mjs`);
  const exists = await stat(file).then(() => true, () => false);
  if (!exists) {
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, code);
    await rename(temp, file);
  }
  return file;
}
