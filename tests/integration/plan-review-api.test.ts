import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanTask } from "@/lib/engine/plan";
import { createTempDatabase } from "../support/temp-database";

const temp = createTempDatabase({ FOREMAN_BACKEND: "scripted", FOREMAN_SCRIPTED_LATENCY_MS: "5" });
const { applyMigrations } = await import("@/lib/server/migrate");
const { resumeUnfinishedRuns } = await import("@/lib/server/run-service");
const { activeRuns, eventWriter } = await import("@/lib/server/run-registry");
const { listEvents } = await import("@/lib/server/run-queries");
const { db } = await import("@/lib/server/db");
const startRoute = await import("@/app/api/runs/route");
const runRoute = await import("@/app/api/runs/[id]/route");
const planRoute = await import("@/app/api/runs/[id]/plan/route");
const approveRoute = await import("@/app/api/runs/[id]/approve/route");
const replanRoute = await import("@/app/api/runs/[id]/replan/route");
const discardRoute = await import("@/app/api/runs/[id]/discard/route");

type Detail = { status: string; plan: { analysis: string; tasks: PlanTask[] } | null; proposedPlan: { tasks: PlanTask[] } | null; planEdits: { by: string }[]; tasks: { id: string; status: string }[] };
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
// As a script calls the API: no Origin, a bearer header (the cross-site rule).
const post = (body?: unknown) => new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer script" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

async function settle(runId: string) {
  await activeRuns().get(runId)?.done;
  await eventWriter().flush();
}

async function startReviewRun(text = "A document to review before it runs."): Promise<string> {
  const form = new FormData();
  form.set("text", text);
  form.set("review", "true");
  const res = await startRoute.POST(new Request("http://localhost/api/runs", { method: "POST", body: form, headers: { authorization: "Bearer script" } }), ctx(""));
  expect(res.status).toBe(201);
  const { runId } = (await res.json()) as { runId: string };
  await settle(runId);
  return runId;
}

async function detail(runId: string): Promise<Detail> {
  const res = await runRoute.GET(new Request(`http://localhost/api/runs/${runId}`), ctx(runId));
  expect(res.status).toBe(200);
  return (await res.json()) as Detail;
}

beforeAll(() => applyMigrations({ url: temp.url }));
afterAll(async () => {
  await Promise.all([...activeRuns().values()].map((r) => r.done));
  temp.cleanup();
});

describe("reviewing a plan through the API", () => {
  it("stops after planning, holding no worker, and GET includes the plan", async () => {
    const runId = await startReviewRun();
    expect(activeRuns().has(runId)).toBe(false);
    const run = await detail(runId);
    expect(run.status).toBe("awaiting-approval");
    expect(run.plan?.tasks.map((t) => t.id)).toEqual(["t1", "t2", "t3", "t4", "t5", "t6"]);
    expect((await listEvents(runId)).map((e) => e.type)).toEqual(["run-start", "plan-end"]);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("awaiting-approval");
  });

  it("refuses an invalid edit with 422 and the validator's issues, storing nothing", async () => {
    const runId = await startReviewRun();
    const plan = (await detail(runId)).plan as NonNullable<Detail["plan"]>;
    const cyclic = plan.tasks.map((t) => (t.id === "t1" ? { ...t, dependsOn: ["t6"] } : t));
    const res = await planRoute.POST(post({ tasks: cyclic }), ctx(runId));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string }; issues: { message: string; edges?: unknown[] }[] };
    expect(body.error.code).toBe("plan_invalid");
    expect(body.issues).toHaveLength(1);
    expect(body.issues[0]?.message).toMatch(/^dependency cycle: t1 → t2 → t6 → t1$/);
    expect(body.issues[0]?.edges).toContainEqual({ from: "t6", to: "t1" });

    const unknownWorker = await planRoute.POST(post({ tasks: [{ ...plan.tasks[0], worker: "astrologer" }] }), ctx(runId));
    expect(unknownWorker.status).toBe(422);
    const spacedId = await planRoute.POST(post({ tasks: [...plan.tasks, { ...plan.tasks[0], id: "my task", dependsOn: [] }] }), ctx(runId));
    expect(spacedId.status).toBe(422);
    expect(((await spacedId.json()) as { issues: { message: string }[] }).issues.map((i) => i.message)).toEqual([
      `task id "my task": use letters, digits, "-", "_" or "." (no spaces, at most 64), e.g. "${plan.tasks[0]?.worker}"`, // the scripted plan's ids are t1…t6, so the worker's name is free
    ]);
    const bad = await planRoute.POST(post({ tasks: "nope" }), ctx(runId));
    expect(bad.status).toBe(400);
    expect((await listEvents(runId)).map((e) => e.type)).toEqual(["run-start", "plan-end"]);
  });

  it("runs exactly the edited plan once approved, and refuses a second approval", async () => {
    const runId = await startReviewRun();
    const plan = (await detail(runId)).plan as NonNullable<Detail["plan"]>;
    // Drop t5, reword t2, and t6 no longer waits for t5.
    const edited = plan.tasks
      .filter((t) => t.id !== "t5")
      .map((t) => (t.id === "t2" ? { ...t, description: "Only the payment terms" } : t.id === "t6" ? { ...t, dependsOn: ["t2", "t3", "t4"] } : t));
    const res = await planRoute.POST(post({ tasks: edited }), ctx(runId));
    expect(res.status).toBe(200);
    const afterEdit = (await res.json()) as Detail;
    expect(afterEdit.status).toBe("awaiting-approval");
    expect(afterEdit.planEdits).toEqual([expect.objectContaining({ by: "api" })]);
    expect(afterEdit.proposedPlan?.tasks).toHaveLength(6);
    expect((await db().task.findMany({ where: { runId } })).map((t) => t.taskId).sort()).toEqual(["t1", "t2", "t3", "t4", "t6"]);

    expect((await approveRoute.POST(post(), ctx(runId))).status).toBe(202);
    await settle(runId);
    const run = await detail(runId);
    expect(run.status).toBe("succeeded");
    const started = (await listEvents(runId)).flatMap((e) => (e.type === "task-start" ? [e.taskId] : []));
    expect(started.sort()).toEqual(["t1", "t2", "t3", "t4", "t6"]);
    expect(run.plan?.tasks.find((t) => t.id === "t2")?.description).toBe("Only the payment terms");

    const again = await approveRoute.POST(post(), ctx(runId));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe("The run is succeeded, not awaiting approval.");
  });

  it("re-plans with the person's note and waits for approval again", async () => {
    const runId = await startReviewRun();
    expect((await replanRoute.POST(post({ note: "" }), ctx(runId))).status).toBe(400);
    expect((await replanRoute.POST(post({ note: "Leave out the join task" }), ctx(runId))).status).toBe(202);
    await settle(runId);
    const run = await detail(runId);
    expect(run.status).toBe("awaiting-approval");
    expect(run.plan?.analysis).toBe("Scripted plan revised after the note: Leave out the join task");
    const types = (await listEvents(runId)).map((e) => e.type);
    expect(types).toEqual(["run-start", "plan-end", "plan-replan", "plan-end"]);
  });

  it("discards a plan: the run is canceled without running a task", async () => {
    const runId = await startReviewRun();
    const res = await discardRoute.POST(post(), ctx(runId));
    expect(res.status).toBe(200);
    const events = await listEvents(runId);
    expect(events.map((e) => e.type)).toEqual(["run-start", "plan-end", "run-cancel"]);
    expect((await detail(runId)).status).toBe("canceled");
    expect((await approveRoute.POST(post(), ctx(runId))).status).toBe(409);
  });

  it("cancels a run awaiting approval through the cancel route as a discard", async () => {
    const cancelRoute = await import("@/app/api/runs/[id]/cancel/route");
    const runId = await startReviewRun();
    const res = await cancelRoute.POST(post(), ctx(runId));
    expect(await res.json()).toEqual({ canceled: true });
    expect((await listEvents(runId)).map((e) => e.type)).toEqual(["run-start", "plan-end", "run-cancel"]);
    expect((await detail(runId)).status).toBe("canceled");
  });

  it("survives a restart awaiting approval: resume leaves it alone, approval still runs it", async () => {
    const runId = await startReviewRun();
    const resumed = await resumeUnfinishedRuns();
    expect(resumed).not.toContain(runId);
    expect(activeRuns().has(runId)).toBe(false);
    expect((await listEvents(runId)).map((e) => e.type)).toEqual(["run-start", "plan-end"]);
    expect((await approveRoute.POST(post(), ctx(runId))).status).toBe(202);
    await settle(runId);
    expect((await detail(runId)).status).toBe("succeeded");
  });

  it("answers 404 for an unknown run", async () => {
    const id = crypto.randomUUID();
    expect((await runRoute.GET(new Request("http://localhost"), ctx(id))).status).toBe(404);
    expect((await approveRoute.POST(post(), ctx(id))).status).toBe(404);
  });
});

describe("GET /api/compare", () => {
  it("compares a reviewed, edited run with a plain run of the same document", async () => {
    const { GET } = await import("@/app/api/compare/route");
    const text = "A document run twice: once as planned, once with a reviewed plan.";
    const reviewed = await startReviewRun(text);
    const plan = (await detail(reviewed)).plan as NonNullable<Detail["plan"]>;
    const edited = plan.tasks.filter((t) => t.id !== "t5").map((t) => (t.id === "t6" ? { ...t, dependsOn: ["t2", "t3", "t4"] } : t));
    expect((await planRoute.POST(post({ tasks: edited }), ctx(reviewed))).status).toBe(200);
    expect((await approveRoute.POST(post(), ctx(reviewed))).status).toBe(202);
    await settle(reviewed);
    const form = new FormData();
    form.set("text", text);
    const { runId: plain } = (await (await startRoute.POST(new Request("http://localhost/api/runs", { method: "POST", body: form, headers: { authorization: "Bearer script" } }), ctx(""))).json()) as { runId: string };
    await settle(plain);

    const res = await GET(new Request(`http://localhost/api/compare?a=${plain}&b=${reviewed}`));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { documents: string; documentDiff: unknown; a: { id: string; taskCount: number }; b: { edited: boolean; taskCount: number }; plans: { matched: unknown[]; onlyA: { id: string }[]; onlyB: unknown[] } };
    expect(body.documents).toBe("same");
    expect(body.documentDiff).toBeNull();
    expect(body.a).toMatchObject({ id: plain, taskCount: 6 });
    expect(body.b).toMatchObject({ edited: true, taskCount: 5 });
    expect(body.plans.matched).toHaveLength(5);
    expect(body.plans.onlyA.map((t) => t.id)).toEqual(["t5"]);

    expect((await GET(new Request(`http://localhost/api/compare?a=${plain}&b=nope`))).status).toBe(400);
    expect((await GET(new Request(`http://localhost/api/compare?a=${plain}&b=${crypto.randomUUID()}`))).status).toBe(404);
  });
});
