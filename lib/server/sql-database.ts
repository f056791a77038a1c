import "server-only";

/** A value bound to a `?` placeholder. Dates go in as ISO strings, epoch ms as numbers. */
export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;
export type SqlStatement = { sql: string; args: readonly SqlValue[] };

/** What runs inside one transaction. */
export type SqlTransaction = {
  query(sql: string, args?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Statements sent in order; for PostgreSQL, as few round trips as possible. */
  run(statements: readonly SqlStatement[]): Promise<void>;
};

/**
 * The hot paths (event writer, SSE replay, leases, heartbeats) talk SQL to the database directly
 * instead of through Prisma (see event-writer.ts for why). Both providers accept the same SQL here:
 * quoted identifiers, `?` placeholders (rewritten to `$n` for PostgreSQL), `ON CONFLICT … DO
 * UPDATE`, `RETURNING`.
 */
export type SqlDatabase = {
  readonly provider: "sqlite" | "postgresql";
  query(sql: string, args?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Returns the number of rows changed. */
  execute(sql: string, args?: readonly SqlValue[]): Promise<number>;
  /** Runs `work` in one write transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
};

/** `?` placeholders → PostgreSQL's `$1, $2, …` (the SQL here has no `?` inside string literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
