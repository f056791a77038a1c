import { test } from "@playwright/test";
import { fixture, startRunFromForm, waitForRunToFinish, documentText, reportSection } from "./support/run-page";
import { recordedStreams, recordEventStreams } from "./support/sse-recorder";
test("debug", async ({ page }) => {
  await recordEventStreams(page);
  await startRunFromForm(page, { file: fixture("report.md") });
  await waitForRunToFinish(page);
  const s = await recordedStreams(page);
  console.log(JSON.stringify(s.map((x) => ({ url: x.url, n: x.frames.length, first: x.frames[0], ended: x.ended }))));
  const cits = reportSection(page).getByTitle("Show this passage in the document");
  console.log("citations", await cits.count(), await cits.allTextContents());
  await cits.nth(2).click();
  console.log("marks", await documentText(page).locator("mark").allTextContents());
});
