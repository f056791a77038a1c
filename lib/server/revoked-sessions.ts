import "server-only";
import { db } from "./db";
import { processSingleton } from "./global-singleton";

/**
 * Sessions ended before they expired (sign-out), by id → expiry. Stored in the database so a
 * restart keeps them ended; held in memory so the proxy checks every request without a query.
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

/** At start-up: forget expired revocations, load the rest. */
export async function loadRevokedSessions(now = new Date()): Promise<void> {
  await db().revokedSession.deleteMany({ where: { expiresAt: { lte: now } } });
  for (const row of await db().revokedSession.findMany()) revoked().set(row.id, row.expiresAt.getTime());
}
