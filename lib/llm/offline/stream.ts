/**
 * Simulated streaming: the offline engine computes its answer at once, then hands it to the
 * engine in a few chunks (optionally paced) so the live view behaves as it does with a model.
 */

/** Throws the signal's reason (or an AbortError) when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  throw abortReason(signal);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** Waits `ms`, rejecting as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Splits text into about `parts` chunks at whitespace; the chunks concatenate back to `text`. */
export function chunk(text: string, parts = 4): string[] {
  if (text.length === 0) return [];
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + size);
    const space = text.indexOf(" ", to);
    if (to < text.length && space !== -1 && space - to < 40) to = space + 1;
    out.push(text.slice(from, to));
    from = to;
  }
  return out;
}

export type StreamOptions = { delayMs: number; signal: AbortSignal; onDelta: (text: string) => void };

/** Emits `text` through `onDelta` chunk by chunk, pacing and honouring the signal. */
export async function streamText(text: string, options: StreamOptions): Promise<void> {
  throwIfAborted(options.signal);
  for (const part of chunk(text)) {
    if (options.delayMs > 0) await sleep(options.delayMs, options.signal);
    throwIfAborted(options.signal);
    options.onDelta(part);
  }
}
