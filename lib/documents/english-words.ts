import { readFileSync } from "node:fs";
import wordListPath from "word-list";

let words: ReadonlySet<string> | undefined;

/**
 * ~274,000 English words, lower case, inflected forms included (the `word-list` package,
 * sindresorhus/word-list, MIT), read on first use (~2.6 MB file, a few tens of MB as a Set) and
 * kept. Used to tell a word broken at a PDF line end ("cus-" + "tomer") from a compound written
 * with its hyphen ("machine-" + "readable") when the document itself gives no evidence.
 */
export function englishWords(): ReadonlySet<string> {
  words ??= new Set(readFileSync(wordListPath, "utf8").split("\n").filter(Boolean));
  return words;
}
