import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import type { PlanTask } from "@/lib/engine/plan";
import { removeTempDatabases, startServer, type ServerProcess } from "@/scripts/server-process";

type Detail = {
  status: string;
  plan: { tasks: PlanTask[] } | null;
  proposedPlan: { tasks: PlanTask[] } | null;
  planEdits: { by: string }[];
  tasks: { id: string; status: string; description: string; attempts: number }[];
};
type Health = { process: { executor: string }; executors?: { id: string; activeRuns: number; alive: boolean }[] };

const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill("SIGKILL")));
  removeTempDatabases();
});

async function start(options: { databaseUrl?: string; port?: number } = {}) {
  const server = await startServer({
    env: { FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "50", FOREMAN_LEASE_MS: "3000", FOREMAN_HEARTBEAT_MS: "300" },
    ...options,
  });
  servers.push(server);
  return server;
}

// As a script calls the API: a bearer header (the cross-site rule).
const auth = { authorization: "Bearer script" };
const post = (url: string, body?: unknown) =>
  fetch(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

async function detail(server: ServerProcess, runId: string): Promise<Detail> {
  const res = await fetch(`${server.url}/api/runs/${runId}`, { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as Detail;
}

/** Waits for a state, not for time: polls until `done` holds (the test's own timeout bounds it). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runRow(databaseUrl: string, runId: string) {
  const client = createClient({ url: databaseUrl });
  try {
    const row = (await client.execute({ sql: `SELECT "leaseOwner", "status" FROM "Run" WHERE "id" = ?`, args: [runId] })).rows[0];
    return { leaseOwner: row?.leaseOwner ?? null, status: String(row?.status) };
  } finally {
    client.close();
  }
}

/** The run's stored log, read from the database file the servers share. */
async function eventTypes(databaseUrl: string, runId: string): Promise<string[]> {
  const client = createClient({ url: databaseUrl });
  try {
    const rows = (await client.execute({ sql: `SELECT "payload" FROM "RunEvent" WHERE "runId" = ? ORDER BY "seq"`, args: [runId] })).rows;
    return rows.map((r) => (JSON.parse(String(r.payload)) as { type: string }).type);
  } finally {
    client.close();
  }
}

describe("kill -9 while a plan awaits approval", () => {
  it("keeps the run awaiting approval with its edited plan and no executor; approving it after the restart runs it to success", async () => {
    const first = await start();
    const form = new FormData();
    form.set("text", "A document whose plan waits for a person while the server is killed. ".repeat(5));
    form.set("review", "true");
    const created = await fetch(`${first.url}/api/runs`, { method: "POST", body: form, headers: auth });
    expect(created.status).toBe(201);
    const { runId } = (await created.json()) as { runId: string };

    const waiting = await until(() => detail(first, runId), (d) => d.status === "awaiting-approval");
    const proposed = waiting.plan?.tasks ?? [];
    expect(proposed.map((t) => t.id)).toEqual(["t1", "t2", "t3", "t4", "t5", "t6"]);
    // A person edits the plan: t1 reworded, t5 removed, t6 no longer waits for it.
    const edited = proposed
      .filter((t) => t.id !== "t5")
      .map((t) => (t.id === "t1" ? { ...t, description: "Only the parties and the dates" } : t.id === "t6" ? { ...t, dependsOn: ["t2", "t3", "t4"] } : t));
    expect((await post(`${first.url}/api/runs/${runId}/plan`, { tasks: edited })).status).toBe(200);
    // The edit was appended under a lease taken for it; the crash comes once the run holds none.
    await until(() => runRow(first.databaseUrl, runId), (r) => r.leaseOwner === null);
    const before = await eventTypes(first.databaseUrl, runId);
    expect(before).toEqual(["run-start", "plan-end", "plan-edit"]);

    await first.kill("SIGKILL");
    const second = await start({ databaseUrl: first.databaseUrl, port: first.port });

    // Start-up resumed nothing: the same log, still awaiting approval with the edited plan and the orchestrator's.
    const after = await detail(second, runId);
    expect(after.status).toBe("awaiting-approval");
    expect(after.plan?.tasks).toEqual(edited);
    expect(after.proposedPlan?.tasks).toEqual(proposed);
    expect(after.planEdits.map((e) => e.by)).toEqual(["api"]);
    expect(after.tasks.every((t) => t.status === "pending" && t.attempts === 0)).toBe(true);
    expect(await eventTypes(second.databaseUrl, runId)).toEqual(before);
    // No executor holds it: no lease, and the new server's heartbeat reports no active run.
    expect(await runRow(second.databaseUrl, runId)).toEqual({ leaseOwner: null, status: "awaiting-approval" });
    const health = await until(
      async () => (await (await fetch(`${second.url}/api/health`)).json()) as Health,
      (h) => (h.executors ?? []).some((e) => e.id === h.process.executor && e.alive),
    );
    expect(health.executors?.find((e) => e.id === health.process.executor)?.activeRuns).toBe(0);

    expect((await post(`${second.url}/api/runs/${runId}/approve`)).status).toBe(202);
    const done = await until(() => detail(second, runId), (d) => ["succeeded", "partial", "failed", "canceled"].includes(d.status));
    expect(done.status).toBe("succeeded");
    // Exactly the edited plan ran, each task once.
    expect(done.tasks.map((t) => [t.id, t.status, t.attempts])).toEqual(edited.map((t) => [t.id, "succeeded", 1]));
    expect(done.tasks.find((t) => t.id === "t1")?.description).toBe("Only the parties and the dates");
    const log = await eventTypes(second.databaseUrl, runId);
    expect(log.slice(0, 4)).toEqual(["run-start", "plan-end", "plan-edit", "plan-approve"]);
    expect(log).not.toContain("run-resume");
    expect(log.at(-1)).toBe("run-end");
  });
});
