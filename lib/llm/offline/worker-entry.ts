/**
 * The offline engine's worker-thread entry: Piscina calls the default export with one job per
 * task. It is bundled into a single ES module by worker-bundle.ts, so it runs without a bundler
 * or TypeScript loader in the thread — under `next start`, tsx and Vitest alike.
 */
import { runOfflineJob, type OfflineJob, type OfflineJobResult } from "./jobs";

export default function runJob(job: OfflineJob): OfflineJobResult {
  return runOfflineJob(job);
}
