import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgresUrl } from "../support/postgres";

// The one LISTEN connection per process (lib/server/pg-listener.ts) that the event relay and the
// cancel listener share: every channel gets its notifications, and after the connection is lost
// every channel is listened to again and told to catch up.
const database = freshPostgresUrl("foreman_listen");
Object.assign(process.env, { DATABASE_URL: database.url });
const { applyMigrations } = await import("@/lib/server/migrate");
const { listenTo } = await import("@/lib/server/pg-listener");

let sql: pg.Client;
beforeAll(async () => {
  await applyMigrations({ url: database.url }); // creates the database
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
}, 60_000);
afterAll(async () => {
  await sql.end();
  await database.drop();
});

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

describe("pg-listener", () => {
  it("delivers each channel's notifications to its handler, and listens again after losing its connection", async () => {
    const got = { a: [] as string[], b: [] as string[] };
    let reconnects = 0;
    await listenTo("foreman_test_a", { onNotice: (p) => got.a.push(p), onReconnect: () => reconnects++ });
    await listenTo("foreman_test_b", { onNotice: (p) => got.b.push(p) });
    await sql.query(`SELECT pg_notify('foreman_test_a', '1'), pg_notify('foreman_test_b', '2')`);
    await until(() => got.a.length === 1 && got.b.length === 1);
    expect(got).toEqual({ a: ["1"], b: ["2"] });

    // The server drops the listening connection (a restart, a network cut).
    const listeners = await sql.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`);
    expect(listeners.rowCount).toBe(1); // one connection for both channels
    await sql.query(`SELECT pg_terminate_backend($1)`, [listeners.rows[0].pid]);
    await until(() => reconnects === 1);

    await sql.query(`SELECT pg_notify('foreman_test_a', '3'), pg_notify('foreman_test_b', '4')`);
    await until(() => got.a.length === 2 && got.b.length === 2);
    expect(got).toEqual({ a: ["1", "3"], b: ["2", "4"] });
  });
});
