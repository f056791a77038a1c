import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../support/temp-database";

// Two web processes share one database: a sign-out stored by the other one must reach this one.
const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { db } = await import("@/lib/server/db");
const { isSessionRevoked, loadRevokedSessions, refreshRevokedSessions } = await import("@/lib/server/revoked-sessions");

beforeAll(async () => {
  await applyMigrations({ url: temp.url });
  await loadRevokedSessions();
});
afterAll(() => temp.cleanup());

describe("signed-out sessions across processes", () => {
  it("a session another process signed out stops working here once the revocations are reloaded", async () => {
    const id = crypto.randomUUID();
    // What revokeSession on the other process leaves behind: the row, not this process's memory.
    await db().revokedSession.create({ data: { id, expiresAt: new Date(Date.now() + 86_400_000) } });
    expect(isSessionRevoked(id)).toBe(false);
    const stop = refreshRevokedSessions(20);
    try {
      while (!isSessionRevoked(id)) await new Promise((r) => setTimeout(r, 10));
    } finally {
      stop();
    }
    expect(isSessionRevoked(id)).toBe(true);
  });
});
