import "server-only";

/**
 * Next bundles route handlers, server actions and instrumentation separately, so a plain
 * module-level singleton can exist several times in one process. The event bus, the database
 * client and the registry of running runs must be one per process: keep them on globalThis.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const symbol = Symbol.for(`foreman.${key}`);
  const existing = store[symbol];
  if (existing !== undefined) return existing;
  const created = create();
  store[symbol] = created;
  return created;
}

/** Whether the singleton `key` was created in this process (without creating it). */
export function hasProcessSingleton(key: string): boolean {
  return (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`foreman.${key}`)] !== undefined;
}
