import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { EventSink } from "../../lib/engine/events";
import { checkPlanEdit } from "../../lib/engine/plan-edits";
import type { RunState } from "../../lib/engine/run-state";

export type ReviewDecision = { kind: "approve" } | { kind: "replan"; note: string } | { kind: "abort" };

/**
 * The CLI's `--review` loop for a run awaiting approval: prints the plan on stderr and asks
 * (on stdin) to approve it, edit it as JSON in $EDITOR (validated like every edit; faults are
 * shown and the editor can be opened again), re-plan with a note, or abort. Edits are stored
 * through `sink` as `plan-edit` events; the caller stores the decision it returns.
 */
export async function reviewPlan(options: { state: () => RunState; sink: EventSink; out: NodeJS.WritableStream; lines: AsyncIterator<string> }): Promise<ReviewDecision> {
  const { out, lines } = options;
  const ask = async (question: string): Promise<string | undefined> => {
    out.write(question);
    const next = await lines.next();
    return next.done ? undefined : String(next.value).trim();
  };
  for (;;) {
    out.write(describePlan(options.state()));
    const answer = (await ask("\n[a]pprove and run, [e]dit in $EDITOR, [r]e-plan with a note, [q]uit? "))?.toLowerCase();
    if (answer === undefined || answer === "q" || answer === "quit") return { kind: "abort" };
    if (answer === "a" || answer === "approve") return { kind: "approve" };
    if (answer === "r" || answer === "replan") {
      const note = await ask("What should the new plan change? ");
      if (note) return { kind: "replan", note };
      out.write("A re-plan needs a note.\n");
    } else if (answer === "e" || answer === "edit") {
      await editInEditor(options.state(), options.sink, out);
    } else out.write(`Please answer a, e, r or q (got "${answer}").\n`);
  }
}

/** Lines typed on `input`, read once for the whole session (a new reader per question could drop buffered lines). */
export function lineReader(input: NodeJS.ReadableStream): AsyncIterator<string> {
  return createInterface({ input, terminal: false })[Symbol.asyncIterator]();
}

/** One line per task: id, worker, priority, dependencies, description; tasks waiting for approval marked. */
export function describePlan(state: RunState): string {
  const rows = state.taskOrder.flatMap((id) => {
    const t = state.tasks[id];
    if (!t) return [];
    const deps = t.task.dependsOn.length > 0 ? ` after ${t.task.dependsOn.join(", ")}` : "";
    const mark = state.unapproved.includes(id) ? "+" : t.status === "pending" ? " " : "✔";
    return [`  ${mark} ${id} (${t.task.worker}, ${t.task.priority})${deps}: ${t.task.description}`];
  });
  const added = state.unapproved.length > 0 ? "\nTasks marked + were added during the run and wait for approval." : "";
  return `\nThe plan awaiting approval (${rows.length} tasks):\n${state.plan?.analysis ? `${state.plan.analysis}\n` : ""}${rows.join("\n")}${added}\n`;
}

async function editInEditor(state: RunState, sink: EventSink, out: NodeJS.WritableStream): Promise<void> {
  const editor = process.env.VISUAL || process.env.EDITOR;
  if (!editor) {
    out.write("Set $EDITOR (or $VISUAL) to edit the plan.\n");
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "foreman-plan-"));
  const file = path.join(dir, "plan.json");
  try {
    writeFileSync(file, `${JSON.stringify(state.plan?.tasks ?? [], null, 2)}\n`);
    // Through the shell, so $EDITOR may carry arguments ("code --wait").
    const result = spawnSync(`${editor} "${file}"`, { shell: true, stdio: "inherit" });
    if (result.status !== 0) {
      out.write(`The editor exited with ${result.status ?? result.signal}; the plan is unchanged.\n`);
      return;
    }
    let tasks: unknown;
    try {
      tasks = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      out.write(`The edited plan is not valid JSON (${(error as Error).message}); the plan is unchanged.\n`);
      return;
    }
    const check = checkPlanEdit(state, tasks);
    if (!check.ok) {
      out.write(`The edited plan was refused; the plan is unchanged:\n${check.errors.map((e) => `  - ${e}`).join("\n")}\n`);
      return;
    }
    await sink({ type: "plan-edit", plan: check.plan, by: "cli" });
    out.write("Plan updated.\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
