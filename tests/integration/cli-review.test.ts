import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";

/** Runs the CLI with `answers` typed on stdin; --json puts the event log on stdout. */
function cli(args: string[], answers: string, env: Record<string, string> = {}): Promise<{ code: number | null; events: RunEvent[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/analyze.ts", ...args], {
      env: { ...process.env, ANTHROPIC_API_KEY: "", FOREMAN_BACKEND: "offline", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, events: stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as RunEvent) }));
    child.stdin.end(answers);
  });
}

// Each case spawns the CLI through tsx (a cold start of several seconds on a loaded machine).
describe("npm run analyze -- --review", { timeout: 90_000 }, () => {
  it("prints the plan, stores an edit made in $EDITOR, and runs the edited plan and its approved extension", async () => {
    const { code, events, stderr } = await cli(["tests/fixtures/contract-schedules.txt", "--review", "--json"], "e\na\na\n", {
      EDITOR: "node tests/fixtures/cli/edit-plan.mjs",
    });
    expect(stderr).toContain("The plan awaiting approval (5 tasks)");
    expect(stderr).toContain("Plan updated.");
    expect(code).toBe(0);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t.startsWith("plan-") && t !== "plan-delta")).toEqual(["plan-end", "plan-edit", "plan-approve", "plan-extend", "plan-review", "plan-approve"]);
    const edit = events.find((e) => e.type === "plan-edit");
    expect(edit?.type === "plan-edit" && [edit.by, edit.plan.tasks[0]?.description]).toEqual(["cli", "Only the parties and the dates"]);
    expect(types.at(-1)).toBe("run-end");
    expect(events.filter((e) => e.type === "task-start").map((e) => (e.type === "task-start" ? e.taskId : ""))).toContain("schedule-4");
  });

  it("aborts on q: the run is canceled and nothing runs", async () => {
    const { code, events } = await cli(["tests/fixtures/contract-schedules.txt", "--review", "--json"], "q\n");
    expect(code).toBe(1);
    expect(events.map((e) => e.type).filter((t) => t !== "plan-delta")).toEqual(["run-start", "plan-end", "run-cancel"]);
  });

  it("shows the validator's reasons for an invalid edit and keeps the plan", async () => {
    const { code, events, stderr } = await cli(["tests/fixtures/contract-schedules.txt", "--review", "--json"], "e\nq\n", {
      EDITOR: `node -e "require('fs').writeFileSync(process.argv[1], JSON.stringify([{id:'a',worker:'astrologer',description:'x',focus:'',dependsOn:['a'],priority:'high'}]))"`,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("The edited plan was refused");
    expect(stderr).toContain('task "a": unknown worker "astrologer"');
    expect(stderr).toContain('task "a" depends on itself');
    expect(events.some((e) => e.type === "plan-edit")).toBe(false);
  });
});
