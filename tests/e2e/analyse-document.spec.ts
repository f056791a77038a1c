import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectWellFormedLog, readEventLog, summarise } from "./support/event-log";
import {
  documentText,
  expectAllTasksFinal,
  expectCitationHighlights,
  fixture,
  graphSnapshot,
  historyRow,
  nodeButton,
  progressCard,
  progressCounts,
  reportSection,
  startRunFromForm,
  taskNodeButtons,
  waitForRunToFinish,
  type UploadInput,
} from "./support/run-page";
import { afterOf, recordedStreams, recordEventStreams } from "./support/sse-recorder";

type Kind = {
  title: string;
  input: UploadInput;
  /** The name the run's document gets (file name, or the pasted-text name). */
  documentName: string;
  /** A finding the offline engine must report for this document (planted in the fixture). */
  finding: string;
  /** The page the cited passage of that finding is on, for paged formats. */
  page?: number;
};

const KINDS: Kind[] = [
  { title: "a PDF contract", input: { file: fixture("contract.pdf") }, documentName: "contract.pdf", finding: "Unlimited liability", page: 2 },
  { title: "a Word contract", input: { file: fixture("contract.docx") }, documentName: "contract.docx", finding: "Broad indemnity" },
  { title: "a Markdown report", input: { file: fixture("report.md") }, documentName: "report.md", finding: "Limitations not acknowledged" },
  { title: "an HTML news article", input: { file: fixture("news.html") }, documentName: "news.html", finding: "Unsourced statistic" },
  { title: "a Python source file", input: { file: fixture("code.py") }, documentName: "code.py", finding: "Dynamic code execution" },
  {
    title: "pasted text",
    input: { text: readFileSync(fixture("contract.txt"), "utf8") },
    documentName: "pasted-text.txt",
    finding: "Unlimited liability",
  },
];

const SEVERITIES = ["Critical", "Warning", "Info"] as const;

for (const kind of KINDS) {
  test(`${kind.title}: upload, live graph, report, citation, history, reopen`, async ({ page, request }) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await recordEventStreams(page);
    const runId = await startRunFromForm(page, kind.input);

    // The graph is drawn while the run goes: the orchestrator first, then the planned tasks and the synthesis.
    await expect(nodeButton(page, "orchestrator")).toBeVisible();
    await expect(nodeButton(page, "synthesis")).toBeVisible({ timeout: 15_000 });
    await expect(taskNodeButtons(page).first()).toBeVisible();

    await waitForRunToFinish(page);
    await expectAllTasksFinal(page);
    const live = await graphSnapshot(page);

    // What the page shows is what the stored log says.
    const log = await readEventLog(request, runId);
    expectWellFormedLog(log);
    const summary = summarise(log, runId);
    expect(summary.state.document?.fileName).toBe(kind.documentName);
    expect(summary.state.status).toBe("succeeded");
    expect(summary.taskIds.length).toBeGreaterThan(0);
    expect(live.map((n) => n.id).sort()).toEqual(["orchestrator", "synthesis", ...summary.taskIds.map((id) => `task:${id}`)].sort());
    for (const id of summary.taskIds) {
      expect(live.find((n) => n.id === `task:${id}`)?.status, `status of task ${id}`).toBe(summary.taskLabels[id]);
    }
    expect(live.find((n) => n.id === "synthesis")?.status).toBe("Succeeded");
    expect(await progressCounts(page)).toEqual({ done: summary.taskIds.length, total: summary.taskIds.length });
    await expect(progressCard(page).getByText(summary.runLabel, { exact: true })).toBeVisible();

    // The tasks finished live: their task-end events reached the page over SSE, each once, in order.
    await expectTaskEndsStreamed(page, log);

    // The report: findings grouped by severity, most severe first, counts as in the log.
    const report = summary.state.report;
    if (!report) throw new Error("the run has no report");
    const section = reportSection(page);
    await expect(section.getByRole("heading", { name: `Findings (${report.findings.length})` })).toBeVisible();
    expect(report.findings.length).toBeGreaterThan(0);
    const groups = section.locator('section[aria-label$=" findings"]');
    const groupLabels = await groups.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    const expectedGroups = SEVERITIES.filter((s) => report.findings.some((f) => f.severity === s.toLowerCase())).map((s) => `${s} findings`);
    expect(groupLabels).toEqual(expectedGroups);
    for (const severity of SEVERITIES) {
      const count = report.findings.filter((f) => f.severity === severity.toLowerCase()).length;
      if (count === 0) continue;
      const group = section.locator(`section[aria-label="${severity} findings"]`);
      await expect(group.getByRole("heading", { name: `${severity} (${count})` })).toBeVisible();
      await expect(group.locator("article")).toHaveCount(count);
    }

    // The planted problem is found, and its citation highlights the passage in the document.
    const card = section.locator("article", { has: page.getByRole("heading", { name: kind.finding, exact: true }) }).first();
    await expect(card).toBeVisible();
    const citation = card.getByTitle("Show this passage in the document").first();
    if (kind.page !== undefined) await expect(citation).toContainText(`p. ${kind.page}`);
    await expectCitationHighlights(page, citation);
    if (kind.page !== undefined) await expectMarkOnPage(page, kind.page);
    if ("file" in kind.input && kind.input.file.endsWith(".py")) await expectCodeLineNumbers(page, kind.input.file, summary.state.document?.chars);
    // Another citation moves the highlight.
    const other = section.getByTitle("Show this passage in the document").last();
    const otherQuote = await expectCitationHighlights(page, other);
    expect(otherQuote.length).toBeGreaterThan(0);
    // …and the viewer leads back to the citation that was clicked.
    await page.getByRole("button", { name: /Back to the citation/ }).click();
    await expect(other).toBeFocused();
    await expect(other).toBeInViewport();
    await page.getByRole("button", { name: "Clear highlight" }).click();
    await expect(page.getByRole("button", { name: /Back to the citation/ })).toHaveCount(0);
    await expect(documentText(page).locator("mark")).toHaveCount(0);

    // History lists the run with its document and status.
    await page.goto("/runs");
    const row = historyRow(page, runId);
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("link")).toHaveText(kind.documentName);
    // Column 0 is the "compare" checkbox.
    await expect(row.locator("td").nth(3)).toHaveText(summary.runLabel);
    await expect(row.locator("td").nth(7)).toHaveText(String(summary.taskIds.length));

    // Reopened from history: the same graph, nothing to stream.
    await row.getByRole("link").click();
    await page.waitForURL(`**/runs/${runId}`);
    await expect(nodeButton(page, "synthesis")).toBeVisible();
    expect(await graphSnapshot(page)).toEqual(live);
    await expect(section.getByRole("heading", { name: `Findings (${report.findings.length})` })).toBeVisible();
    expect(await recordedStreams(page)).toEqual([]);
    // No script error, hydration mismatch or CSP violation on the way.
    expect(problems).toEqual([]);
  });
}

async function expectTaskEndsStreamed(page: Page, log: Awaited<ReturnType<typeof readEventLog>>): Promise<void> {
  const streams = await recordedStreams(page);
  expect(streams.length).toBeGreaterThan(0);
  const received = streams.flatMap((s) => s.frames.map((f) => f.seq));
  expect(new Set(received).size, "no frame delivered twice").toBe(received.length);
  const first = streams[0];
  if (!first) throw new Error("no stream");
  const last = log.at(-1)?.seq ?? 0;
  // Without a reconnect, one stream carries every event after the server-rendered ones.
  if (streams.length === 1) expect(received).toEqual(range(afterOf(first) + 1, last));
  expect(streams.at(-1)?.ended).toBe(true);
  for (const event of log) {
    if (event.type === "task-end") expect(received, `task-end of ${event.taskId} (seq ${event.seq}) streamed`).toContain(event.seq);
  }
}

/** The first mark comes after the "Page N" divider and before the next page's. */
async function expectMarkOnPage(page: Page, pageNumber: number): Promise<void> {
  const onPage = await documentText(page).evaluate((root, n) => {
    const mark = root.querySelector("mark");
    const dividers = [...root.querySelectorAll("span")].filter((s) => /^Page \d+$/.test(s.textContent ?? ""));
    const before = dividers.filter((d) => mark && d.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
    return before.at(-1)?.textContent === `Page ${n}`;
  }, pageNumber);
  expect(onPage, `the highlighted passage is on page ${pageNumber}`).toBe(true);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * Source code shows line numbers in a gutter beside the text, outside it: the text element holds
 * exactly the stored text (so selecting or copying it never picks up a number), and the marked
 * passage sits level with the gutter's number for the line the badge names.
 */
async function expectCodeLineNumbers(page: Page, file: string, chars: number | undefined) {
  const stored = readFileSync(file, "utf8");
  const body = documentText(page).getByTestId("document-body");
  expect(await body.textContent()).toBe(stored);
  expect(stored.length).toBe(chars);
  const gutter = documentText(page).getByTestId("line-numbers");
  await expect(gutter).toHaveAttribute("aria-hidden", "true");
  const lines = stored.replace(/\n$/, "").split("\n").length;
  expect(((await gutter.textContent()) ?? "").split("\n")).toEqual(Array.from({ length: lines }, (_, i) => String(i + 1)));
  expect(await gutter.evaluate((el) => getComputedStyle(el).userSelect)).toBe("none");
  // Selecting the whole text selects no line number.
  const selected = await documentText(page).evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    const text = selection?.toString() ?? "";
    selection?.removeAllRanges();
    return text;
  });
  expect(selected.trim()).toBe(stored.trim());
  const badge = (await page.getByTestId("highlight-position").textContent()) ?? "";
  const line = Number(/line (\d+):\d+/.exec(badge)?.[1]);
  expect(line).toBeGreaterThan(0);
  // Both measured in one go: the smooth scroll to the mark may still be moving the text.
  const { markMiddle, gutterTop, lineHeight } = await documentText(page).evaluate((el) => {
    const mark = el.querySelector("mark")?.getBoundingClientRect();
    const gutter = el.querySelector('[data-testid="line-numbers"]');
    if (!mark || !gutter) throw new Error("no mark or gutter");
    return { markMiddle: mark.top + mark.height / 2, gutterTop: gutter.getBoundingClientRect().top, lineHeight: parseFloat(getComputedStyle(gutter).lineHeight) };
  });
  expect(Math.abs(markMiddle - (gutterTop + (line - 0.5) * lineHeight))).toBeLessThan(lineHeight / 2);
}
