import { ForemanError } from "../engine/errors";

/**
 * At most `maxConcurrent` PDF/Word parses at once in this process — each may use up to its memory
 * cap — with up to `maxQueued` more waiting in order; past that, an upload is told the server is
 * busy (503) rather than queued without bound. Process-wide (kept on globalThis, since Next
 * bundles routes and actions separately); the server sets the numbers from FOREMAN_MAX_PARSES and
 * FOREMAN_MAX_PARSE_QUEUE at start-up, the CLI keeps the defaults.
 */
type Gate = { maxConcurrent: number; maxQueued: number; active: number; waiting: (() => void)[] };

const KEY = Symbol.for("foreman.parse-gate");

function gate(): Gate {
  const store = globalThis as unknown as Record<symbol, Gate | undefined>;
  store[KEY] ??= { maxConcurrent: 2, maxQueued: 8, active: 0, waiting: [] };
  return store[KEY];
}

export function configureParseGate(limits: { maxConcurrent: number; maxQueued: number }): void {
  Object.assign(gate(), limits);
}

/** The limits in force: parses at once, parses that may wait. */
export function parseGateLimits(): { maxConcurrent: number; maxQueued: number } {
  const g = gate();
  return { maxConcurrent: g.maxConcurrent, maxQueued: g.maxQueued };
}

/** Parses running and waiting now. */
export function parseGateStats(): { active: number; queued: number } {
  const g = gate();
  return { active: g.active, queued: g.waiting.length };
}

/**
 * Takes a slot only if one is free now and no parse is waiting for one (a document may use a
 * second parser thread only when nobody else needs it). Returns its release, or undefined.
 */
export function tryParseSlot(): (() => void) | undefined {
  const g = gate();
  if (g.active >= g.maxConcurrent || g.waiting.length > 0) return undefined;
  g.active++;
  return releaser(g);
}

/** Frees a slot once: handed straight to the next waiting parse, so nothing can slip in between. */
function releaser(g: Gate): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = g.waiting.shift();
    if (next) next();
    else g.active--;
  };
}

/**
 * Runs `parse` when a parser slot is free.
 * @throws ForemanError `server_busy` when `maxQueued` parses are already waiting
 */
export async function withParseSlot<T>(fileName: string, parse: () => Promise<T>): Promise<T> {
  const g = gate();
  let release = tryParseSlot();
  if (!release) {
    if (g.waiting.length >= g.maxQueued) {
      throw new ForemanError("server_busy", `The server is busy reading ${g.active + g.waiting.length} other documents, so "${fileName}" was not accepted. Try again in a minute.`, { retryAfterMs: 30_000 });
    }
    // The slot comes already counted in `active`, handed over by the parse that freed it.
    release = await new Promise<() => void>((resolve) => g.waiting.push(() => resolve(releaser(g))));
  }
  try {
    return await parse();
  } finally {
    release();
  }
}
