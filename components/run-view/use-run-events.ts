"use client";

import { useEffect, useRef, useState } from "react";
import { runEventSchema, type RunEvent } from "@/lib/engine/events";
import { FINAL_RUN_STATUSES } from "@/lib/engine/run-state";
import { applyLiveEvent, reduceLiveRun, type LiveRun } from "./live-run";

export type StreamStatus = "connecting" | "live" | "reconnecting" | "closed";

/**
 * The live run: the stored events reduced once, then the SSE tail applied on top. Frames are
 * collected and applied once per animation frame, so a burst of token deltas renders once.
 * `applyEvent` ignores seq <= lastSeq, which makes replays after a reconnect harmless.
 */
export function useRunEvents(runId: string, initialEvents: readonly RunEvent[]): { live: LiveRun; stream: StreamStatus } {
  const [live, setLive] = useState(() => reduceLiveRun(runId, initialEvents));
  const [stream, setStream] = useState<StreamStatus>(() => (isOver(live) ? "closed" : "connecting"));
  const startSeq = useRef(live.state.lastSeq);
  const startedOver = useRef(isOver(live));

  useEffect(() => {
    if (startedOver.current) return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?after=${startSeq.current}`);
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

    source.onopen = () => setStream("live");
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseFrame(message.data);
      if (!event) return;
      queue.push(event);
      schedule();
    };
    source.onerror = () => setStream(source.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
    source.addEventListener("end", () => {
      source.close();
      cancelFrame();
      flush();
      setStream("closed");
    });

    return () => {
      source.close();
      cancelFrame();
    };
  }, [runId]);

  return { live, stream };
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
