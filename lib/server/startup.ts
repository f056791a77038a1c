import "server-only";
import { databaseUrl } from "./db";
import { checkDatabase } from "./database-check";
import { env } from "./env";
import { bindingWarning } from "./host-allow-list";
import { applyMigrations } from "./migrate";
import { resumeUnfinishedRuns } from "./run-service";

/**
 * Start-up, in order: settings (every variable, then the database they name), migrations, then
 * resuming unfinished runs. A bad setting throws SettingsError before anything is served.
 */
export async function startServer(): Promise<void> {
  const settings = env();
  await checkDatabase(settings.DATABASE_URL);
  const warning = bindingWarning();
  if (warning) console.warn(`[foreman] warning: ${warning}`);
  const applied = await applyMigrations({ url: databaseUrl() });
  if (applied.length > 0) console.log(`[foreman] applied migrations: ${applied.join(", ")}`);
  const resumed = await resumeUnfinishedRuns();
  if (resumed.length > 0) console.log(`[foreman] resumed ${resumed.length} unfinished run(s): ${resumed.join(", ")}`);
}
