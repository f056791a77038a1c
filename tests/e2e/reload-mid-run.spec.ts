import { expect, test } from "@playwright/test";
import { expectWellFormedLog, readEventLog, summarise } from "./support/event-log";
import {
  expectAllTasksFinal,
  fixture,
  graphSnapshot,
  progressCard,
  progressCounts,
  startRunFromForm,
  waitForRunToFinish,
} from "./support/run-page";
import { afterOf, recordedStreams, recordEventStreams, type RecordedStream } from "./support/sse-recorder";

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
const seqsOf = (streams: RecordedStream[]) => streams.flatMap((s) => s.frames.map((f) => f.seq));

test("reloading mid-run resumes the live view with no lost or duplicated events", async ({ page, request }) => {
  await recordEventStreams(page);
  const runId = await startRunFromForm(page, { file: fixture("contract.pdf") });

  // Mid-run: some tasks have finished, not all.
  await page.waitForFunction(
    () => {
      const text = document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuetext") ?? "";
      const m = /^(\d+) of (\d+) tasks finished$/.exec(text);
      return m !== null && Number(m[1]) >= 1 && Number(m[1]) < Number(m[2]);
    },
    null,
    { polling: "raf", timeout: 15_000 },
  );
  const beforeReload = await recordedStreams(page);
  await page.reload();
  await waitForRunToFinish(page);
  const afterReload = await recordedStreams(page);

  const log = await readEventLog(request, runId);
  expectWellFormedLog(log);
  const last = log.at(-1)?.seq ?? 0;
  const summary = summarise(log, runId);

  // Before the reload the page had a gap-free prefix of the log.
  const early = seqsOf(beforeReload);
  expect(early.length).toBeGreaterThan(0);
  expect(early).toEqual(range(afterOf(beforeReload[0] as RecordedStream) + 1, early.at(-1) ?? 0));

  // The reloaded page was rendered mid-run from the stored events, then streamed exactly the rest.
  expect(afterReload.length).toBeGreaterThan(0);
  const resumedFrom = afterOf(afterReload[0] as RecordedStream);
  expect(resumedFrom, "the reload happened before the run ended").toBeLessThan(last);
  expect(resumedFrom).toBeGreaterThanOrEqual(early.at(-1) ?? 0);
  const late = seqsOf(afterReload);
  expect(new Set(late).size, "no event delivered twice").toBe(late.length);
  expect([...late].sort((a, b) => a - b)).toEqual(range(resumedFrom + 1, last));
  expect(afterReload.at(-1)?.ended).toBe(true);

  // The final view equals the log: same tasks, same statuses, the bar full.
  await expectAllTasksFinal(page);
  const graph = await graphSnapshot(page);
  const taskNodes = graph.filter((n) => n.id.startsWith("task:"));
  expect(taskNodes.map((n) => n.id)).toEqual(summary.taskIds.map((id) => `task:${id}`));
  for (const id of summary.taskIds) expect(graph.find((n) => n.id === `task:${id}`)?.status, `task ${id}`).toBe(summary.taskLabels[id]);
  expect(new Set(graph.map((n) => n.id)).size).toBe(graph.length);
  const total = summary.taskIds.length;
  expect(await progressCounts(page)).toEqual({ done: total, total });
  await expect(page.getByRole("progressbar", { name: "Tasks finished" })).toHaveAttribute("aria-valuenow", "100");
  await expect(progressCard(page)).toContainText(`Tasks${total} done of ${total}`);
  await expect(progressCard(page).getByText(summary.runLabel, { exact: true })).toBeVisible();
  const findings = summary.state.report?.findings.length ?? 0;
  await expect(page.getByRole("heading", { name: `Findings (${findings})` })).toBeVisible();
});
