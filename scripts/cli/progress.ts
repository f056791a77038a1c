import type { RunEvent } from "../../lib/engine/events";
import type { RunState, TaskStatus } from "../../lib/engine/run-state";
import { waitLabel } from "../../lib/graph/wait-label";

const ICON: Record<TaskStatus, string> = {
  pending: "·",
  running: "▶",
  retrying: "↻",
  succeeded: "✔",
  partial: "◐",
  failed: "✖",
  canceled: "■",
  skipped: "⤼",
};

/** One line per task, redrawn in place on a TTY as events arrive. */
export function createProgress(out: NodeJS.WriteStream) {
  let drawn = 0;
  return {
    update(state: RunState, event: RunEvent) {
      if (event.type.endsWith("-delta")) return; // redraw on state changes, not on every token
      const now = Date.now();
      const callWait = waitLabel(state.callWait, now);
      const lines = [`${state.status.padEnd(12)} ${state.document?.title ?? ""}${callWait ? ` — ${callWait.label}` : ""}`];
      for (const id of state.taskOrder) {
        const t = state.tasks[id];
        if (!t) continue;
        const attempts = t.attempts.length > 1 ? ` (attempt ${t.attempts.length})` : "";
        const wait = waitLabel(t.wait, now);
        lines.push(`  ${ICON[t.status]} ${id.padEnd(22)} ${t.task.worker.padEnd(18)} ${t.status}${attempts}${wait ? ` — ${wait.label}` : ""}`);
      }
      if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[J`);
      out.write(lines.join("\n") + "\n");
      drawn = lines.length;
    },
  };
}
