/** Lower-case word tokens (letters and digits, any script), for comparing short texts. */
export function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard similarity of two texts' word sets: 1 = same words, 0 = none shared (two empty texts: 1). */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 && wb.size === 0) return 1;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/**
 * Pairs items of two lists one-to-one, best score first (greedy), keeping only pairs whose score
 * is defined and at least `min`. Returns index pairs plus the indexes left over on each side.
 */
export function matchGreedy<A, B>(
  a: readonly A[],
  b: readonly B[],
  score: (x: A, y: B) => number | undefined,
  min: number,
): { pairs: { a: number; b: number; score: number }[]; onlyA: number[]; onlyB: number[] } {
  const candidates: { a: number; b: number; score: number }[] = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      const s = score(x, y);
      if (s !== undefined && s >= min) candidates.push({ a: i, b: j, score: s });
    }),
  );
  candidates.sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: { a: number; b: number; score: number }[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push(c);
  }
  pairs.sort((p, q) => p.a - q.a);
  return { pairs, onlyA: a.map((_, i) => i).filter((i) => !usedA.has(i)), onlyB: b.map((_, j) => j).filter((j) => !usedB.has(j)) };
}
