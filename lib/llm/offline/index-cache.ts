import type { Document } from "../../documents/document";
import { indexText, type TextIndex } from "./text";

/**
 * The text index of the last documents seen, keyed by content hash: the tasks and the synthesis of
 * one run read the same document, and indexing it (lines, sentences) is a large share of each
 * step's time. Small on purpose: a worker thread serves one run's steps in a row.
 */
const CACHE_SIZE = 2;
const cache = new Map<string, TextIndex>();

export function indexFor(document: Document): TextIndex {
  const key = `${document.sha256}:${document.text.length}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const index = indexText(document.text);
  cache.set(key, index);
  for (const old of cache.keys()) {
    if (cache.size <= CACHE_SIZE) break;
    cache.delete(old);
  }
  return index;
}
