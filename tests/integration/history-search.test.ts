import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../support/temp-database";
import { makeDocument } from "../support/make-document";

const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { startRun } = await import("@/lib/server/run-service");
const { activeRuns, eventWriter } = await import("@/lib/server/run-registry");
const { listRuns, MAX_HISTORY_PAGE } = await import("@/lib/server/run-queries");

beforeAll(async () => {
  await applyMigrations({ url: temp.url });
  for (const request of ["raise by 50% next year", "check the net_amount field", "plain request"]) {
    await startRun({ document: makeDocument(`Text for ${request}.`), request });
  }
  await Promise.all([...activeRuns().values()].map((r) => r.done));
  await eventWriter().flush();
});
afterAll(() => temp.cleanup());

describe("history search and pages", () => {
  it("treats % and _ as the characters they are, not as wildcards", async () => {
    const search = async (q: string) => (await listRuns({ q, page: 1, pageSize: 20 })).rows.map((r) => r.request).sort();
    expect(await search("%")).toEqual(["raise by 50% next year"]);
    expect(await search("_")).toEqual(["check the net_amount field"]);
    expect(await search("50%")).toEqual(["raise by 50% next year"]);
    expect(await search("%%")).toEqual([]);
    expect(await search("PLAIN")).toEqual(["plain request"]);
  });

  it("answers an absurd page number with an empty page, not an error", async () => {
    const result = await listRuns({ page: 1e20, pageSize: 20 });
    expect(result).toMatchObject({ rows: [], total: 3, page: MAX_HISTORY_PAGE });
  });
});
