import "server-only";
import { databaseUrl } from "./db";
import { applyMigrations } from "./migrate";
import { resumeUnfinishedRuns } from "./run-service";

export async function startServer(): Promise<void> {
  const applied = await applyMigrations({ url: databaseUrl() });
  if (applied.length > 0) console.log(`[foreman] applied migrations: ${applied.join(", ")}`);
  const resumed = await resumeUnfinishedRuns();
  if (resumed.length > 0) console.log(`[foreman] resumed ${resumed.length} unfinished run(s): ${resumed.join(", ")}`);
}
