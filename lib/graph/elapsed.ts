/** Milliseconds between two ISO instants, `end` defaulting to `now`; null without a start. */
export function elapsedBetween(input: { start?: string; end?: string; now: number }): number | null {
  if (!input.start) return null;
  const start = Date.parse(input.start);
  if (Number.isNaN(start)) return null;
  const end = input.end ? Date.parse(input.end) : input.now;
  if (Number.isNaN(end)) return null;
  return Math.max(0, end - start);
}
