import type { Page } from "@playwright/test";

/** One EventSource the page opened, and the run events it delivered to the page. */
export type RecordedStream = { url: string; frames: Array<{ seq: number; type: string; lastEventId: string }>; ended: boolean };

type RecorderWindow = Window & { __sseStreams?: RecordedStream[] };

/**
 * Wraps the page's EventSource (before any app script runs) so a test can see exactly which
 * frames the live view received, on every document the page loads. Nothing in the app changes:
 * the subclass only listens.
 */
export async function recordEventStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as RecorderWindow;
    const Native = window.EventSource;
    w.__sseStreams = [];
    class RecordingEventSource extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        const record: RecordedStream = { url: String(url), frames: [], ended: false };
        w.__sseStreams?.push(record);
        this.addEventListener("message", (message: MessageEvent<string>) => {
          try {
            const data = JSON.parse(message.data) as { seq: number; type: string };
            record.frames.push({ seq: data.seq, type: data.type, lastEventId: message.lastEventId });
          } catch {
            record.frames.push({ seq: -1, type: "unparseable", lastEventId: message.lastEventId });
          }
        });
        this.addEventListener("end", () => {
          record.ended = true;
        });
      }
    }
    window.EventSource = RecordingEventSource;
  });
}

export async function recordedStreams(page: Page): Promise<RecordedStream[]> {
  return page.evaluate(() => (window as RecorderWindow).__sseStreams ?? []);
}

/** The `after=` cursor an EventSource URL asked for. */
export function afterOf(stream: RecordedStream): number {
  return Number(new URL(stream.url, "http://x").searchParams.get("after"));
}
