import "server-only";
import type { Client, InValue } from "@libsql/client";
import type { SqlDatabase, SqlRow, SqlValue } from "./sql-database";

const args = (values: readonly SqlValue[] = []) => values as InValue[];

/** The SQL layer over the process's one (serialized) libsql connection. */
export function sqliteDatabase(client: Client): SqlDatabase {
  return {
    provider: "sqlite",
    async query(sql, values) {
      const result = await client.execute({ sql, args: args(values) });
      return result.rows as unknown as SqlRow[];
    },
    async execute(sql, values) {
      return (await client.execute({ sql, args: args(values) })).rowsAffected;
    },
    async transaction(work) {
      const tx = await client.transaction("write");
      try {
        const result = await work({
          query: async (sql, values) => (await tx.execute({ sql, args: args(values) })).rows as unknown as SqlRow[],
          run: async (statements) => {
            await tx.batch(statements.map((s) => ({ sql: s.sql, args: args(s.args) })));
          },
        });
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      } finally {
        tx.close();
      }
    },
  };
}
