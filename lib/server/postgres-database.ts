import "server-only";
import type { Pool, PoolClient } from "pg";
import { numberPlaceholders, type SqlDatabase, type SqlRow, type SqlStatement, type SqlValue } from "./sql-database";

const send = async (client: Pool | PoolClient, sql: string, values: readonly SqlValue[] = []) =>
  client.query<SqlRow>(numberPlaceholders(sql), values as SqlValue[]);

/** The SQL layer over a `pg` pool (the same pool Prisma's pg adapter uses). */
export function postgresDatabase(pool: Pool): SqlDatabase {
  return {
    provider: "postgresql",
    async query(sql, values) {
      return (await send(pool, sql, values)).rows;
    },
    async execute(sql, values) {
      return (await send(pool, sql, values)).rowCount ?? 0;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work({
          query: async (sql, values) => (await send(client, sql, values)).rows,
          run: async (statements: readonly SqlStatement[]) => {
            for (const s of statements) await send(client, s.sql, s.args);
          },
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
