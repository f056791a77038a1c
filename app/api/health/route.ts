import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for tests, benchmarks and load balancers. */
export async function GET(): Promise<Response> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
