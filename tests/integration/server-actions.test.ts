import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "../support/temp-database";

/**
 * Server actions parse their arguments with zod through lib/server/action.ts: a malformed id
 * answers a 404-style refusal and bad input a 400-style one (as the API does), never a thrown
 * ZodError (HTTP 500) and never a silent "nothing happened".
 */
const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted" });
const { applyMigrations } = await import("@/lib/server/migrate");
const actions = await import("@/app/actions");
const review = await import("@/app/review-actions");
const { parseAction } = await import("@/lib/server/action");
const { ForemanError } = await import("@/lib/engine/errors");
const { z } = await import("zod");

const MISSING = "00000000-0000-4000-8000-000000000000";
const notFound = { code: "not_found", status: 404, error: expect.stringContaining("a run id is a UUID") };
const badInput = (says: string) => ({ code: "invalid_input", status: 400, error: says });

beforeAll(async () => {
  await applyMigrations({ url: temp.url });
});
afterAll(() => temp.cleanup());

describe("server actions refuse malformed arguments with a 4xx-style answer", () => {
  it.each([
    ["cancelRunAction", () => actions.cancelRunAction("../etc/passwd")],
    ["deleteRunAction", () => actions.deleteRunAction("1 OR 1=1")],
    ["rerunAction", () => actions.rerunAction("")],
    ["retryTaskAction", () => actions.retryTaskAction("not-a-uuid", "t1")],
    ["approvePlanAction", () => review.approvePlanAction({ id: 1 } as unknown as string)],
    ["savePlanAction", () => review.savePlanAction("x", [])],
    ["replanAction", () => review.replanAction("x", "more detail")],
    ["discardPlanAction", () => review.discardPlanAction(42 as unknown as string)],
  ])("%s: a malformed run id is not found (404)", async (_, call) => {
    await expect(call()).resolves.toEqual(notFound);
  });

  it("answers a well-formed id that names no run as not found too, where the action needs the run", async () => {
    await expect(actions.cancelRunAction(MISSING)).resolves.toEqual({ code: "not_found", status: 404, error: `No run with id ${MISSING}.` });
    await expect(actions.rerunAction(MISSING)).resolves.toEqual({ code: "not_found", status: 404, error: `No run with id ${MISSING}.` });
  });

  it("refuses bad input other than ids with 400 and the schema's message", async () => {
    await expect(actions.retryTaskAction(MISSING, "")).resolves.toEqual(badInput("That task cannot be re-run."));
    await expect(actions.retryTaskAction(MISSING, "t1", "x".repeat(4_001))).resolves.toEqual(badInput("A task description is at most 4,000 characters."));
    await expect(review.replanAction(MISSING, "   ")).resolves.toEqual(badInput("Say what the new plan should change (up to 4,000 characters)."));
    await expect(review.savePlanAction(MISSING, "tasks" as unknown as unknown[])).resolves.toEqual(badInput("The plan's tasks must be a list."));
  });
});

describe("parseAction", () => {
  const spec = { params: z.object({ id: z.uuid({ error: "an id is a UUID" }) }), input: z.object({ n: z.number({ error: "n is a number" }) }) };

  it("hands the parsed arguments to the handler and returns its answer", async () => {
    await expect(parseAction(spec, { params: { id: MISSING }, input: { n: 2 } }, async ({ params, input }) => `${params.id}:${input.n * 2}`)).resolves.toBe(`${MISSING}:4`);
  });

  it("turns a ForemanError from the handler into a refusal with the API's status, and lets anything else through", async () => {
    await expect(parseAction(spec, { params: { id: MISSING }, input: { n: 1 } }, async () => {
      throw new ForemanError("conflict", "The run is not awaiting approval.");
    })).resolves.toEqual({ code: "conflict", status: 409, error: "The run is not awaiting approval." });
    await expect(parseAction(spec, { params: { id: MISSING }, input: { n: 1 } }, async () => {
      throw new TypeError("a bug");
    })).rejects.toThrow("a bug");
  });

  it("does not call the handler when an argument does not parse", async () => {
    let called = false;
    const handler = async () => {
      called = true;
    };
    await expect(parseAction(spec, { params: { id: "x" }, input: { n: 1 } }, handler)).resolves.toEqual({ code: "not_found", status: 404, error: "Nothing to act on: an id is a UUID." });
    await expect(parseAction(spec, { params: { id: MISSING }, input: { n: "1" } }, handler)).resolves.toEqual({ code: "invalid_input", status: 400, error: "n is a number" });
    expect(called).toBe(false);
  });
});
