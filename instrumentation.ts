/**
 * Runs once when the Next server starts: validate the settings and the database, bring the schema
 * up to date, then resume every run the event log says was unfinished (the server may have
 * crashed mid-run). A bad setting stops the server with one line and exit code 1 — a server that
 * cannot work must not look ready.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/startup");
  const { SettingsError } = await import("./lib/server/env");
  try {
    await startServer();
  } catch (error) {
    if (error instanceof SettingsError) console.error(`[foreman] ${error.message}`);
    else console.error(`[foreman] Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
