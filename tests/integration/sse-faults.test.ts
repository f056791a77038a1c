import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { seededRandom } from "@/bench/random-dag";
import { createTempDatabase } from "../support/temp-database";
import { makeDocument } from "../support/make-document";
import { readSse } from "../support/read-sse";

const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "15" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { startRun } = await import("@/lib/server/run-service");
const { activeRuns, eventWriter } = await import("@/lib/server/run-registry");
const { listEvents } = await import("@/lib/server/run-queries");
const { GET } = await import("@/app/api/runs/[id]/events/route");

beforeAll(() => applyMigrations({ url: temp.url }));
afterAll(async () => {
  await Promise.all([...activeRuns().values()].map((r) => r.done));
  temp.cleanup();
});

describe("live updates under dropped connections", () => {
  it("delivers exactly the stored sequence however often the connection is cut", async () => {
    const random = seededRandom(7);
    for (let round = 0; round < 5; round++) {
      const { runId } = await startRun({ document: makeDocument(`Round ${round} text.`), request: "r" });
      const received: RunEvent[] = [];
      let ended = false;
      let connections = 0;
      while (!ended) {
        connections++;
        const controller = new AbortController();
        const lastId = received.at(-1)?.seq ?? 0;
        const res = await GET(new Request(`http://localhost/api/runs/${runId}/events`, { headers: { "last-event-id": String(lastId) }, signal: controller.signal }), {
          params: Promise.resolve({ id: runId }),
        });
        // Cut after a random number of events (sometimes none), as a flaky network would.
        const cutAfter = Math.floor(random() * 4);
        const part = await readSse(res.body as ReadableStream<Uint8Array>, cutAfter === 0 ? 1 : cutAfter);
        controller.abort();
        received.push(...part.events);
        ended = part.ended;
        if (!ended) await new Promise((r) => setTimeout(r, random() * 10));
      }
      await activeRuns().get(runId)?.done;
      await eventWriter().flush();
      const stored = await listEvents(runId);
      expect(received).toEqual(stored);
      expect(connections).toBeGreaterThan(3);
    }
  });
});
