/**
 * Runs once when the Next server starts: bring the database schema up to date, then resume
 * every run the event log says was unfinished (the server may have crashed mid-run).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/startup");
  await startServer();
}
