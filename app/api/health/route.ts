import { db } from "@/lib/server/db";
import { databaseTarget } from "@/lib/server/database-url";
import { env } from "@/lib/server/env";
import { getEngineInfo } from "@/lib/server/engine";

export const dynamic = "force-dynamic";

/**
 * Liveness for tests, benchmarks and load balancers: `{ ok, database: { ok, kind, error? },
 * engine: { backend, label } }`, 503 when the database cannot be read. Public (no sign-in), so it
 * names no path and no key.
 */
export async function GET(): Promise<Response> {
  const settings = env();
  const kind = databaseTarget(settings.DATABASE_URL)?.kind ?? "unknown";
  const database = await db()
    .$queryRawUnsafe("SELECT 1")
    .then(() => ({ ok: true as const, kind }))
    .catch((error: unknown) => ({ ok: false as const, kind, error: String(error instanceof Error ? error.message : error).split("\n")[0]?.slice(0, 120) }));
  const { backend, label } = getEngineInfo();
  return Response.json({ ok: database.ok, database, engine: { backend, label } }, { status: database.ok ? 200 : 503 });
}
