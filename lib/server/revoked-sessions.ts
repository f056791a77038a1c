import "server-only";
import { db } from "./db";
import { processSingleton } from "./global-singleton";

/**
 * Sessions ended before they expired (sign-out), by id → expiry. Stored in the database so a
 * restart keeps them ended; held in memory so the proxy checks every request without a query,
 * and reloaded on a timer so a sign-out on one web process reaches the others (scale-out).
 */
function revoked(): Map<string, number> {
  return processSingleton("revoked-sessions", () => new Map<string, number>());
}

export function isSessionRevoked(id: string): boolean {
  return revoked().has(id);
}

/** Ends one session for good (until its own expiry, after which the signature refuses it anyway). */
export async function revokeSession(session: { id: string; expiresAt: Date }): Promise<void> {
  await db().revokedSession.upsert({ where: { id: session.id }, create: { id: session.id, expiresAt: session.expiresAt }, update: {} });
  revoked().set(session.id, session.expiresAt.getTime());
}

/**
 * Reloads the revocations every `intervalMs` (the executor heartbeat's period: a session signed
 * out on another process stops working here within it). Returns a function that stops it.
 */
export function refreshRevokedSessions(intervalMs: number): () => void {
  const timer = setInterval(() => {
    loadRevokedSessions().catch((error: unknown) => console.error("[foreman] reloading signed-out sessions failed:", error));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** At start-up and on refresh: forget expired revocations, load the rest. */
export async function loadRevokedSessions(now = new Date()): Promise<void> {
  await db().revokedSession.deleteMany({ where: { expiresAt: { lte: now } } });
  for (const row of await db().revokedSession.findMany()) revoked().set(row.id, row.expiresAt.getTime());
}
