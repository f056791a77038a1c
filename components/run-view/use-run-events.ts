"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { runEventSchema, type RunEvent } from "@/lib/engine/events";
import { FINAL_RUN_STATUSES, type RunState } from "@/lib/engine/run-state";
import { applyEvent, reduceRun } from "@/lib/engine/reduce-run";

export type StreamStatus = "connecting" | "live" | "reconnecting" | "closed";

/** Waits before reopening a stream the browser gave up on (server restarting, proxy error). */
const REOPEN_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

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
export function useRunEvents(
  runId: string,
  initialEvents: readonly RunEvent[],
): { state: RunState; events: readonly RunEvent[]; stream: StreamStatus; follow: () => void } {
  const router = useRouter();
  // The log itself is kept too: replay reduces a prefix of it.
  const [run, setRun] = useState(() => ({ state: reduceRun(initialEvents, runId), events: initialEvents }));
  const { state, events } = run;
  const [stream, setStream] = useState<StreamStatus>(() => (isOver(state) ? "closed" : "connecting"));
  const lastSeq = useRef(state.lastSeq);
  // 0 = not following (the run was over when the page loaded); each follow() bumps it.
  const [generation, setGeneration] = useState(() => (isOver(state) ? 0 : 1));

  useEffect(() => {
    if (generation === 0) return;
    // Set by the cleanup: an answer that arrives after the page moved on must not reopen anything.
    let disposed = false;
    let source: EventSource | null = null;
    let reopenTimer: number | undefined;
    let queue: RunEvent[] = [];
    let frame: number | null = null;

    const flush = () => {
      frame = null;
      const batch = queue;
      queue = [];
      if (batch.length === 0) return;
      setRun((prev) => {
        const fresh = batch.filter((e, i) => e.seq > prev.state.lastSeq && batch.findIndex((o) => o.seq === e.seq) === i).sort((a, b) => a.seq - b.seq);
        if (fresh.length === 0) return prev;
        return { state: fresh.reduce(applyEvent, prev.state), events: [...prev.events, ...fresh] };
      });
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

    // The browser closed the stream after an error response. Ask why: signed out → sign in;
    // the run is gone → stop; anything else (a restart, a proxy hiccup) → try again, slower each time.
    let failures = 0;
    const reopenOrStop = async (url: string) => {
      const status = await fetch(url, { method: "GET", headers: { accept: "text/event-stream" } })
        .then(async (res) => {
          await res.body?.cancel();
          return res.status;
        })
        .catch(() => 0);
      if (disposed) return;
      if (status === 401) {
        router.push(`/login?next=${encodeURIComponent(window.location.pathname)}`);
        return;
      }
      if (status === 404 || status === 400) {
        setStream("closed");
        return;
      }
      reopenTimer = window.setTimeout(open, REOPEN_DELAYS_MS[Math.min(failures++, REOPEN_DELAYS_MS.length - 1)]);
    };

    const open = () => {
      if (disposed) return;
      setStream((s) => (s === "live" ? "reconnecting" : s === "closed" ? "connecting" : s));
      const current = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?after=${lastSeq.current}`);
      source = current;
      current.onopen = () => {
        failures = 0;
        setStream("live");
      };
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
        void reopenOrStop(current.url);
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
      disposed = true;
      source?.close();
      window.clearTimeout(reopenTimer);
      cancelFrame();
    };
  }, [runId, generation, router]);

  const follow = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, events, stream, follow };
}

function isOver(state: RunState): boolean {
  return FINAL_RUN_STATUSES.has(state.status);
}

function parseFrame(data: string): RunEvent | undefined {
  try {
    const parsed = runEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
