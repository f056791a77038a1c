/**
 * Runs once when the Next server starts: validate the settings and the database, bring the schema
 * up to date, then resume every run the event log says was unfinished (the server may have
 * crashed mid-run). A bad setting stops the server with one line and exit code 1.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerOrExit } = await import("./lib/server/startup");
  await startServerOrExit();
}
