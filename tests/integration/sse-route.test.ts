import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../support/temp-database";
import { makeDocument } from "../support/make-document";
import { readSse } from "../support/read-sse";

const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "20" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { startRun, retryTask } = await import("@/lib/server/run-service");
const { activeRuns, eventWriter } = await import("@/lib/server/run-registry");
const { listEvents } = await import("@/lib/server/run-queries");
const { GET, HEAD } = await import("@/app/api/runs/[id]/events/route");
const { eventBus } = await import("@/lib/server/event-bus");

const call = (runId: string, headers: Record<string, string> = {}, query = "") =>
  GET(new Request(`http://localhost/api/runs/${runId}/events${query}`, { headers }), { params: Promise.resolve({ id: runId }) });

beforeAll(() => applyMigrations({ url: temp.url }));
afterAll(async () => {
  await Promise.all([...activeRuns().values()].map((r) => r.done));
  temp.cleanup();
});

describe("GET /api/runs/[id]/events", () => {
  it("replays a live run from Last-Event-ID with no gap and no duplicate, then ends", async () => {
    const { runId } = await startRun({ document: makeDocument("Live text."), request: "r" });
    await new Promise((r) => setTimeout(r, 25)); // some events stored, the run still going
    const cursor = (await listEvents(runId)).length;
    expect(cursor).toBeGreaterThan(0);
    const res = await call(runId, { "last-event-id": String(cursor) });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const { events, ended } = await readSse(res.body as ReadableStream<Uint8Array>);
    await activeRuns().get(runId)?.done;
    await eventWriter().flush();
    const stored = await listEvents(runId);
    expect(ended).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(stored.slice(cursor).map((e) => e.seq));
    expect(events).toEqual(stored.slice(cursor));
  });

  it("answers a finished run's stream with the rest and an end frame", async () => {
    const { runId } = await startRun({ document: makeDocument("Done text."), request: "r" });
    await activeRuns().get(runId)?.done;
    await eventWriter().flush();
    const stored = await listEvents(runId);
    const all = await readSse((await call(runId, {}, "?after=0")).body as ReadableStream<Uint8Array>);
    expect(all.events.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    const none = await readSse((await call(runId, { "last-event-id": String(stored.length) })).body as ReadableStream<Uint8Array>);
    expect(none).toEqual({ events: [], ended: true });
  });

  it("replays past an earlier run-end when a task was re-run, and ends at the latest one", async () => {
    const { runId } = await startRun({ document: makeDocument("Re-opened text."), request: "r" });
    await activeRuns().get(runId)?.done;
    await retryTask({ runId, taskId: "t1" });
    const { events, ended } = await readSse((await call(runId, {}, "?after=0")).body as ReadableStream<Uint8Array>);
    await eventWriter().flush();
    const stored = await listEvents(runId);
    expect(ended).toBe(true);
    expect(events.filter((e) => e.type === "run-end")).toHaveLength(2);
    expect(events).toEqual(stored);
  });

  it("rejects an unknown run and a bad cursor", async () => {
    expect((await call("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const { runId } = await startRun({ document: makeDocument("x y z."), request: "r" });
    const res = await call(runId, { "last-event-id": "abc" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_input" } });
    await activeRuns().get(runId)?.done;
  });

  it("answers HEAD with the stream's headers and opens no stream", async () => {
    const { runId } = await startRun({ document: makeDocument("Head text."), request: "r" });
    const head = await HEAD(new Request(`http://localhost/api/runs/${runId}/events`, { method: "HEAD" }), { params: Promise.resolve({ id: runId }) });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toContain("text/event-stream");
    expect(head.body).toBeNull();
    expect(eventBus().hasSubscribers(runId)).toBe(false); // nothing subscribed for a body nobody reads
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await HEAD(new Request(`http://localhost/api/runs/${missing}/events`, { method: "HEAD" }), { params: Promise.resolve({ id: missing }) })).status).toBe(404);
    await activeRuns().get(runId)?.done;
  });
});
