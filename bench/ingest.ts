/**
 * npm run bench:ingest — PDF ingestion speed and text fidelity against poppler's `pdftotext`.
 *
 * The corpus (bench/pdf-corpus.ts) is made on this machine: licence texts typeset by groff in
 * one and two columns and drawn row by row with pdf-lib, and every PDF in /usr/share/doc. Needs
 * `pdftotext` (apt: poppler-utils) and, for the typeset part, `groff`.
 *
 * Speed: each file goes through `ingestDocument` exactly as an upload does (server defaults for
 * every limit: deadline, heap cap, memory watch, page count), after one parser thread was started
 * and kept warm as the server does at start-up (lib/server/startup.ts); what a cold thread costs
 * is measured and printed on its own. Only ingestion is timed; the scoring runs afterwards. The
 * headline is this first pass, a freshly started server; the corpus is then ingested once more
 * and printed as a server that has been running (V8 has optimised more of pdf.js; pdf.js keeps
 * no cache between documents).
 *
 * Fidelity (bench/word-fidelity.ts): strict word-sequence similarity to pdftotext's text, 2·M/T
 * over the two word sequences (M = longest common subsequence; 1.00 = identical), weighted by
 * words; both sides with every line-end hyphen joined (pdftotext keeps them all as printed). For
 * the typeset files the source text is known, so both Foreman's and pdftotext's text are also
 * scored against it — Foreman's as stored, with the line-end hyphens it kept — and the largest
 * differences say which side keeps the source's order: pdftotext misplaces blocks on several of
 * these layouts.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ingestDocument } from "../lib/documents/ingest";
import { englishWords } from "../lib/documents/english-words";
import { parserPool } from "../lib/documents/parse-in-worker";
import { has, makeCorpus, rowWisePdf, type CorpusFile } from "./pdf-corpus";
import { differingSpans, sequenceSimilarity, sourceWords, storedWords, trigramSimilarity, words } from "./word-fidelity";

/** The server's default FOREMAN_PARSE_MEMORY_MB, the heap cap its warm thread is started with. */
const PARSE_MEMORY_MB = 512;
const work = mkdtempSync(join(tmpdir(), "foreman-bench-ingest-"));

type Ingested = { file: CorpusFile; text: string; pages: number; seconds: number };

async function ingest(path: string): Promise<{ text: string; pages: number; seconds: number }> {
  const bytes = new Uint8Array(readFileSync(path));
  const started = performance.now();
  const document = await ingestDocument({ bytes, fileName: path }, { maxParseMemoryMb: PARSE_MEMORY_MB });
  return { text: document.text, pages: document.pages.length, seconds: (performance.now() - started) / 1000 };
}

const label = (path: string): string => path.replace(work, "<corpus>");
const quote = (w: readonly string[], max = 12): string => `"${w.slice(0, max).join(" ")}${w.length > max ? " …" : ""}"`;

async function main(): Promise<void> {
  if (!has("pdftotext", ["-v"])) throw new Error("pdftotext is missing: apt-get install -y poppler-utils");
  const corpus = await makeCorpus(work);

  // What the first upload pays on a server without a warm thread (and the CLI, per run).
  const cold = await ingest(await rowWisePdf(work, "one-page", "A single short page."));
  // Then as the server starts (lib/server/startup.ts): a new pool keeping one thread warm, then the word list.
  await parserPool().close();
  await parserPool().keepWarm({ heapMb: PARSE_MEMORY_MB, threads: 1 });
  englishWords();

  const ingested: Ingested[] = [];
  // CPU time of the whole process (all threads): what the pages cost whatever else the machine runs.
  const cpuAtStart = process.cpuUsage();
  for (const file of corpus) {
    try {
      ingested.push({ file, ...(await ingest(file.path)) });
    } catch (error) {
      console.log(`${label(file.path)}\tskipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (ingested.length === 0) throw new Error("no PDF could be read");
  let secondPass = 0;
  for (const { file } of ingested) secondPass += (await ingest(file.path)).seconds;

  console.log("file\tpages\tms\tpages/s\tvs pdftotext: sequence\ttrigrams\tvs source: Foreman\tpdftotext");
  const totals = { pages: 0, seconds: 0, words: 0, sequence: 0, sourceWords: 0, oursVsSource: 0, theirsVsSource: 0 };
  const scored: { file: CorpusFile; ours: string[]; theirs: string[]; source: string[] | undefined; sequence: number }[] = [];
  for (const { file, text, pages, seconds } of ingested) {
    let reference: string;
    try {
      reference = execFileSync("pdftotext", ["-enc", "UTF-8", file.path, "-"], { maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] }).toString("utf8");
    } catch {
      console.log(`${label(file.path)}\tnot scored: pdftotext cannot read it`);
      continue;
    }
    const ours = words(text);
    const theirs = words(reference);
    const source = file.source === undefined ? undefined : sourceWords(file.source);
    const oursCanonical = storedWords(text);
    const sequence = sequenceSimilarity(ours, theirs);
    totals.pages += pages;
    totals.seconds += seconds;
    totals.words += theirs.length;
    totals.sequence += sequence * theirs.length;
    let vsSource = "\t";
    if (source) {
      const oursScore = sequenceSimilarity(oursCanonical, source);
      const theirsScore = sequenceSimilarity(sourceWords(reference), source);
      totals.sourceWords += source.length;
      totals.oursVsSource += oursScore * source.length;
      totals.theirsVsSource += theirsScore * source.length;
      vsSource = `${oursScore.toFixed(3)}\t${theirsScore.toFixed(3)}`;
    }
    scored.push({ file, ours, theirs, source, sequence });
    console.log(`${label(file.path)}\t${pages}\t${Math.round(seconds * 1000)}\t${(pages / seconds).toFixed(1)}\t${sequence.toFixed(3)}\t${trigramSimilarity(ours, theirs).toFixed(3)}\t${vsSource}`);
  }

  console.log("\nLargest differences from pdftotext in the three least similar files (source: which order the typeset text has):");
  for (const { file, ours, theirs, source, sequence } of [...scored].sort((a, b) => a.sequence - b.sequence).slice(0, 3)) {
    console.log(`${label(file.path)} (${sequence.toFixed(3)}):`);
    for (const span of differingSpans(ours, theirs, source, 4)) {
      const who = span.side === "ours" ? "Foreman" : "pdftotext";
      const verdict = span.asInSource === undefined ? "" : span.asInSource ? " — as in the source" : " — not where the source has it";
      console.log(`  ${who} has ${span.words.length} words ${quote(span.words)} after ${quote(span.after)}${verdict}`);
    }
  }

  const pagesPerSecond = totals.pages / totals.seconds;
  console.log(`\ncold start (new parser thread, pdf.js loaded; a one-page PDF): ${Math.round(cold.seconds * 1000)} ms — the server pays it at start-up`);
  console.log(`files: ${scored.length}, pages: ${totals.pages}, words: ${totals.words}, ingest time: ${totals.seconds.toFixed(2)} s, CPU time (all threads): ${cpuSeconds.toFixed(2)} s = ${Math.round(totals.pages / cpuSeconds)} pages per CPU-second; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores`);
  if (totals.sourceWords > 0) {
    console.log(`typeset files vs their source text (strict word sequence): Foreman ${(totals.oursVsSource / totals.sourceWords).toFixed(3)}, pdftotext ${(totals.theirsVsSource / totals.sourceWords).toFixed(3)}`);
  }
  console.log(`pages/s on a second pass (a server that has been running): ${Math.round(totals.pages / secondPass)}`);
  console.log(`ingest pages/s: ${Math.round(pagesPerSecond)}`);
  console.log(`fidelity vs pdftotext: ${(totals.sequence / totals.words).toFixed(2)}`);
  await parserPool().close();
}

await main();
