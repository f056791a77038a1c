"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { runEventSchema, type RunEvent } from "@/lib/engine/events";
import { FINAL_RUN_STATUSES } from "@/lib/engine/run-state";
import { applyLiveEvent, reduceLiveRun, type LiveRun } from "./live-run";

export type StreamStatus = "connecting" | "live" | "reconnecting" | "closed";

/** Wait before reopening a stream the browser gave up on (server restarting, proxy error). */
const REOPEN_DELAY_MS = 2_000;

/**
 * The live run: the stored events reduced once, then the SSE tail applied on top. Frames are
 * collected and applied once per animation frame, so a burst of token deltas renders once.
 * `applyEvent` ignores seq <= lastSeq, which makes replays after a reconnect harmless.
 *
 * The browser's EventSource retries a dropped connection itself (sending Last-Event-ID); when it
 * gives up (an error response, e.g. while the server restarts) we open a new one from the last
 * seq seen. The stream stops only on the server's `end` frame. `follow()` starts following again
 * after the run was re-opened (a task re-run).
 */
export function useRunEvents(runId: string, initialEvents: readonly RunEvent[]): { live: LiveRun; stream: StreamStatus; follow: () => void } {
  const [live, setLive] = useState(() => reduceLiveRun(runId, initialEvents));
  const [stream, setStream] = useState<StreamStatus>(() => (isOver(live) ? "closed" : "connecting"));
  const lastSeq = useRef(live.state.lastSeq);
  // 0 = not following (the run was over when the page loaded); each follow() bumps it.
  const [generation, setGeneration] = useState(() => (isOver(live) ? 0 : 1));

  useEffect(() => {
    if (generation === 0) return;
    let source: EventSource | null = null;
    let reopenTimer: number | undefined;
    let queue: RunEvent[] = [];
    let frame: number | null = null;

    const flush = () => {
      frame = null;
      const batch = queue;
      queue = [];
      if (batch.length > 0) setLive((prev) => batch.reduce(applyLiveEvent, prev));
    };
    const schedule = () => {
      if (frame !== null) return;
      // Hidden tabs get no animation frames; a timer keeps the state current there too.
      frame = document.hidden ? window.setTimeout(flush, 250) : window.requestAnimationFrame(flush);
    };
    const cancelFrame = () => {
      if (frame === null) return;
      window.cancelAnimationFrame(frame);
      window.clearTimeout(frame);
      frame = null;
    };

    const open = () => {
      setStream((s) => (s === "live" ? "reconnecting" : s === "closed" ? "connecting" : s));
      const current = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?after=${lastSeq.current}`);
      source = current;
      current.onopen = () => setStream("live");
      current.onmessage = (message: MessageEvent<string>) => {
        const event = parseFrame(message.data);
        if (!event) return;
        lastSeq.current = Math.max(lastSeq.current, event.seq);
        queue.push(event);
        schedule();
      };
      current.onerror = () => {
        setStream("reconnecting");
        if (current.readyState !== EventSource.CLOSED) return; // the browser retries by itself
        reopenTimer = window.setTimeout(open, REOPEN_DELAY_MS);
      };
      current.addEventListener("end", () => {
        current.close();
        cancelFrame();
        flush();
        setStream("closed");
      });
    };
    open();

    return () => {
      source?.close();
      window.clearTimeout(reopenTimer);
      cancelFrame();
    };
  }, [runId, generation]);

  const follow = useCallback(() => setGeneration((g) => g + 1), []);
  return { live, stream, follow };
}

function isOver(live: LiveRun): boolean {
  return FINAL_RUN_STATUSES.has(live.state.status);
}

function parseFrame(data: string): RunEvent | undefined {
  try {
    const parsed = runEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
