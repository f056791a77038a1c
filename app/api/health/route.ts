import { health } from "@/lib/server/health";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness for tests, benchmarks and load balancers (lib/server/health.ts): the
 * role, the database, the engine, the run queue's counts and the executors' heartbeats; 503 when
 * the database cannot be read. Public (no sign-in), so it names no path and no key.
 */
export async function GET(): Promise<Response> {
  const report = await health();
  return Response.json(report, { status: report.ok ? 200 : 503 });
}
