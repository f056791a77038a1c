import "server-only";
import { databaseProvider, databaseUrl } from "./db";
import { configureParseGate } from "../documents/parse-gate";
import { englishWords } from "../documents/english-words";
import { parserPool } from "../documents/parse-in-worker";
import { checkDatabase } from "./database-check";
import { env, SettingsError } from "./env";
import { startCancelListener } from "./cancel-listener";
import { startHeartbeat } from "./executor-heartbeat";
import { startEventRelay } from "./event-relay";
import { startLogPoller } from "./log-poller";
import { bindingWarning } from "./host-allow-list";
import { applyMigrations } from "./migrate";
import { startQueueWorker } from "./run-queue";
import { loadRevokedSessions, refreshRevokedSessions } from "./revoked-sessions";
import { resumeUnfinishedRuns } from "./run-service";

/**
 * Start-up, in order: settings (every variable, then the database they name), migrations, then
 * by role (FOREMAN_ROLE): `web` and `all` relay live events written by other processes
 * (PostgreSQL); `worker` and `all` execute runs — from the queue with PostgreSQL, in process with
 * SQLite, where start-up also resumes unfinished runs whose lease has expired and live events of
 * runs another process on the same database executes are read from the log (log-poller). A bad setting
 * throws SettingsError before anything is served.
 */
export async function startServer(): Promise<void> {
  const settings = env();
  const role = settings.FOREMAN_ROLE;
  await checkDatabase(settings.DATABASE_URL);
  configureParseGate({ maxConcurrent: settings.FOREMAN_MAX_PARSES, maxQueued: settings.FOREMAN_MAX_PARSE_QUEUE });
  // One parser thread started now and kept warm, so no upload waits ~1–3 s for pdf.js to load;
  // then the word list PDF line-end hyphens are checked against (~0.1 s), off the first upload's path.
  if (role !== "worker") void parserPool().keepWarm({ heapMb: settings.FOREMAN_PARSE_MEMORY_MB, threads: 1 }).then(englishWords);
  const warning = bindingWarning();
  if (warning) console.warn(`[foreman] warning: ${warning}`);
  if (!(Symbol.for("foreman.http-timeouts") in globalThis)) {
    console.warn("[foreman] warning: started without scripts/http-timeouts.mjs (use npm start): FOREMAN_HEADER_TIMEOUT_MS is not applied, slow request headers are dropped only after Node's default 60 s");
  }
  const provider = databaseProvider();
  const applied = await applyMigrations({ url: databaseUrl() });
  if (applied.length > 0) console.log(`[foreman] applied migrations: ${applied.join(", ")}`);
  await loadRevokedSessions();
  if (role !== "worker") refreshRevokedSessions(settings.FOREMAN_HEARTBEAT_MS);
  if (provider === "postgresql") {
    if (role !== "worker") await startEventRelay();
    if (role !== "web") {
      await startHeartbeat({ role, adoptOrphans: false });
      await startCancelListener();
      startQueueWorker();
    }
    console.log(`[foreman] role ${role} on PostgreSQL`);
    return;
  }
  startLogPoller();
  const resumed = await resumeUnfinishedRuns();
  if (resumed.length > 0) console.log(`[foreman] resumed ${resumed.length} unfinished ${resumed.length === 1 ? "run" : "runs"}: ${resumed.join(", ")}`);
  await startHeartbeat({ role, adoptOrphans: true });
}

/** startServer, or one line saying why not and exit code 1: a server that cannot work must not look ready. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    if (error instanceof SettingsError) console.error(`[foreman] ${error.message}`);
    else console.error(`[foreman] Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
