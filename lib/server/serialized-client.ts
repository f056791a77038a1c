import "server-only";
import type { Client, InArgs, InStatement, Transaction, TransactionMode } from "@libsql/client";

/**
 * Wraps a single-connection libsql client so callers queue for it instead of failing. libsql
 * refuses a call while a transaction holds its only connection (TRANSACTION_ACTIVE), and a
 * second connection would wait for SQLite's lock by blocking the JavaScript thread — which can
 * deadlock the process. Here every statement, batch and transaction waits its turn (async) and a
 * transaction keeps the turn until it commits, rolls back or closes.
 */
export function serializeClient(inner: Client): Client {
  let tail: Promise<void> = Promise.resolve();
  const takeTurn = (): Promise<() => void> => {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => turn);
    return ready;
  };
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await takeTurn();
    try {
      return await work();
    } finally {
      release();
    }
  };

  const wrapper = {
    execute: (stmtOrSql: InStatement | string, args?: InArgs) =>
      exclusive(() => (typeof stmtOrSql === "string" ? inner.execute(stmtOrSql, args) : inner.execute(stmtOrSql))),
    batch: (stmts: Parameters<Client["batch"]>[0], mode?: TransactionMode) => exclusive(() => inner.batch(stmts, mode)),
    migrate: (stmts: InStatement[]) => exclusive(() => inner.migrate(stmts)),
    executeMultiple: (sql: string) => exclusive(() => inner.executeMultiple(sql)),
    transaction: async (mode?: TransactionMode): Promise<Transaction> => {
      const release = await takeTurn();
      try {
        return holdUntilSettled(await inner.transaction(mode), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    sync: () => inner.sync(),
    close: () => inner.close(),
    reconnect: () => inner.reconnect(),
    get closed() {
      return inner.closed;
    },
    get protocol() {
      return inner.protocol;
    },
  };
  return wrapper as Client;
}

function holdUntilSettled(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const done = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return {
    execute: (stmt: InStatement) => tx.execute(stmt),
    batch: (stmts: InStatement[]) => tx.batch(stmts),
    executeMultiple: (sql: string) => tx.executeMultiple(sql),
    commit: () => tx.commit().finally(done),
    rollback: () => tx.rollback().finally(done),
    close: () => {
      tx.close();
      done();
    },
    get closed() {
      return tx.closed;
    },
  } as Transaction;
}
