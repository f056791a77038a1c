import type { SqlDatabase, SqlStatement } from "@/lib/server/sql-database";
import { describe, expect, it } from "vitest";
import { createStamper } from "@/lib/engine/event-stamp";
import { initialRunState } from "@/lib/engine/reduce-run";
import { createEventBus } from "@/lib/server/event-bus";
import { createEventWriter } from "@/lib/server/event-writer";

/** A database whose next write fails once, recording what was committed. */
function flakyClient() {
  const committed: number[][] = [];
  let failNext = false;
  const database: SqlDatabase = {
    provider: "sqlite",
    query: async () => [],
    execute: async () => 0,
    transaction: async (work) =>
      work({
        query: async () => [],
        run: async (stmts: readonly SqlStatement[]) => {
          if (failNext) {
            failNext = false;
            throw new Error("disk I/O error");
          }
          // The events' seqs: every 5th argument of the multi-row RunEvent insert, from the 2nd.
          committed.push(stmts.filter((s) => s.sql.includes('"RunEvent"')).flatMap((s) => s.args.filter((_, i) => i % 5 === 1) as number[]));
        },
      }),
  };
  return { database, committed, failOnce: () => (failNext = true) };
}

describe("event writer", () => {
  it("never leaves a gap: after a failed write it refuses the run's later events until it is relaunched", async () => {
    const db = flakyClient();
    const bus = createEventBus();
    const published: string[] = [];
    bus.subscribe("r1", (e) => published.push(`r1:${e.seq}`));
    bus.subscribe("r2", (e) => published.push(`r2:${e.seq}`));
    const writer = createEventWriter({ database: db.database, bus });
    const s1 = createStamper({ runId: "r1" });
    const s2 = createStamper({ runId: "r2" });
    const state = initialRunState("r1");
    const delta = { type: "plan-delta", text: "x" } as const;

    await writer.append(s1(delta), state);
    db.failOnce();
    await expect(writer.append(s1(delta), state)).rejects.toThrow("disk I/O error");
    await expect(writer.append(s1(delta), state)).rejects.toThrow("disk I/O error"); // seq 3 would follow a lost seq 2
    await writer.append(s2(delta), state); // other runs carry on
    expect(published).toEqual(["r1:1", "r2:1"]);

    writer.clearFailure("r1");
    await writer.append(createStamper({ runId: "r1", lastSeq: 1 })(delta), state);
    expect(published).toEqual(["r1:1", "r2:1", "r1:2"]);
  });
});
