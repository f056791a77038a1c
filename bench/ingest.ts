/**
 * npm run bench:ingest — PDF ingestion speed and text fidelity against poppler's `pdftotext`.
 *
 * The corpus is made on this machine, never downloaded: the licence texts in
 * /usr/share/common-licenses typeset by groff (`-ms`, one and two columns, with its own
 * hyphenation; needs the `groff` apt package for `-Tpdf`), the same texts drawn row by row
 * across two columns with pdf-lib (the order that defeats naive extraction), and every PDF
 * shipped in /usr/share/doc. Needs `pdftotext` (apt: poppler-utils).
 *
 * Fidelity is word-level similarity between Foreman's text and `pdftotext`'s, both with
 * line-end hyphens joined (pdftotext keeps them) and line breaks ignored: the share of word
 * trigrams the two have in common (2·|A∩B| / (|A|+|B|), as multisets; 1.00 = identical).
 * Trigrams measure reading order where it matters — two columns merged row by row break
 * nearly every one — without counting it against Foreman when a whole block sits elsewhere
 * on the page, which pdftotext itself gets wrong on some of these layouts (e.g. it moves
 * "form is that same work." away from the column it continues). The stricter figure, the
 * longest common word sequence, is printed per file and in total as well.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { diffArrays } from "diff";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { ingestDocument } from "../lib/documents/ingest";

const LICENCES = "/usr/share/common-licenses";
const work = mkdtempSync(join(tmpdir(), "foreman-bench-ingest-"));

function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** groff reads a leading "." or "'" as a request; escape them so the licence prints as text. */
const asGroffText = (text: string): string => text.replace(/^([.'])/gm, "\\&$1");

function groffPdf(name: string, text: string, columns: 1 | 2): string {
  const file = join(work, `${name}-${columns}col-groff.pdf`);
  const source = `${columns === 2 ? ".2C\n" : ""}.LP\n${asGroffText(text)}`;
  writeFileSync(file, execFileSync("groff", ["-ms", "-Tpdf"], { input: source, maxBuffer: 64 * 1024 * 1024 }));
  return file;
}

/** Two columns of wrapped text drawn one row at a time straight across the page. */
async function rowWisePdf(name: string, text: string): Promise<string> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const size = 10;
  const columnWidth = 230;
  const lines: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > columnWidth && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
    lines.push("");
  }
  const perColumn = 60;
  for (let at = 0; at < lines.length; at += perColumn * 2) {
    const page = pdf.addPage([612, 792]);
    for (let row = 0; row < perColumn; row++) {
      const y = 740 - row * 11;
      const left = lines[at + row];
      const right = lines[at + perColumn + row];
      if (left) page.drawText(left, { x: 60, y, size, font });
      if (right) page.drawText(right, { x: 322, y, size, font });
    }
  }
  const file = join(work, `${name}-rowwise.pdf`);
  writeFileSync(file, await pdf.save());
  return file;
}

function shippedPdfs(dir: string, found: string[] = []): string[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) shippedPdfs(path, found);
    else if (stat?.isFile() && entry.toLowerCase().endsWith(".pdf")) found.push(path);
  }
  return found;
}

const words = (text: string): string[] =>
  text
    .replace(/(\p{L})-\s*\n\s*(?=\p{L})/gu, "$1")
    .split(/\s+/)
    .filter(Boolean);

function trigramSimilarity(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  const grams = (w: readonly string[]) => w.slice(0, Math.max(0, w.length - 2)).map((word, i) => `${word} ${w[i + 1]} ${w[i + 2]}`);
  const ours = grams(a);
  const theirs = grams(b);
  if (ours.length + theirs.length === 0) return 1;
  for (const gram of ours) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let common = 0;
  for (const gram of theirs) {
    const left = counts.get(gram) ?? 0;
    if (left > 0) {
      common++;
      counts.set(gram, left - 1);
    }
  }
  return (2 * common) / (ours.length + theirs.length);
}

function sequenceSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1;
  const common = diffArrays(a as string[], b as string[]).reduce((sum, part) => sum + (part.added || part.removed ? 0 : part.count ?? part.value.length), 0);
  return (2 * common) / (a.length + b.length);
}

async function main(): Promise<void> {
  if (!has("pdftotext", ["-v"])) throw new Error("pdftotext is missing: apt-get install -y poppler-utils");
  const corpus: string[] = [];
  const texts = ["GPL-3", "Apache-2.0", "MPL-2.0", "GFDL-1.3", "LGPL-2.1"].filter((name) => existsSync(join(LICENCES, name)));
  const groff = has("sh", ["-c", "printf '.LP\\nx\\n' | groff -ms -Tpdf > /dev/null"]);
  if (!groff) console.log("(groff -Tpdf unavailable: apt-get install -y groff for the typeset part of the corpus)");
  for (const name of texts) {
    const text = readFileSync(join(LICENCES, name), "utf8");
    if (groff) corpus.push(groffPdf(name, text, 1), groffPdf(name, text, 2));
    corpus.push(await rowWisePdf(name, text));
  }
  corpus.push(...shippedPdfs("/usr/share/doc"));

  let pages = 0;
  let seconds = 0;
  let timedFiles = 0;
  let fidelityWords = 0;
  let fidelityWeighted = 0;
  let sequenceWeighted = 0;
  console.log("file\tpages\tms\tpages/s\tfidelity (trigrams)\tsequence");
  for (const file of corpus) {
    let reference: string;
    try {
      reference = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] }).toString("utf8");
    } catch {
      console.log(`${file}\tskipped: pdftotext cannot read it`);
      continue;
    }
    const bytes = new Uint8Array(readFileSync(file));
    const started = performance.now();
    let document;
    try {
      document = await ingestDocument({ bytes, fileName: file }, { maxBytes: 200 * 1024 * 1024, maxPdfPages: 5000, parseTimeoutMs: 120_000 });
    } catch (error) {
      console.log(`${file}\tskipped: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const elapsed = (performance.now() - started) / 1000;
    const ours = words(document.text);
    const theirs = words(reference.normalize("NFC"));
    const score = trigramSimilarity(ours, theirs);
    const sequence = sequenceSimilarity(ours, theirs);
    pages += document.pages.length;
    seconds += elapsed;
    timedFiles++;
    fidelityWords += theirs.length;
    fidelityWeighted += score * theirs.length;
    sequenceWeighted += sequence * theirs.length;
    console.log(`${file.replace(work, "<corpus>")}\t${document.pages.length}\t${Math.round(elapsed * 1000)}\t${(document.pages.length / elapsed).toFixed(1)}\t${score.toFixed(3)}\t${sequence.toFixed(3)}`);
  }
  if (pages === 0) throw new Error("no PDF could be read");
  // What every file pays before its first page: a fresh parse worker that imports pdf.js.
  const onePage = await rowWisePdf("one-page", "A single short page.");
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await ingestDocument({ bytes: new Uint8Array(readFileSync(onePage)), fileName: "one-page.pdf" });
    starts.push(performance.now() - started);
  }
  const perFile = [...starts].sort((a, b) => a - b)[1] ?? 0;
  console.log(`per-file start (a one-page PDF, median of 3): ${Math.round(perFile)} ms`);
  console.log(`pages/s after the per-file start: ${Math.round(pages / Math.max(0.001, seconds - (perFile / 1000) * timedFiles))}`);
  // Weighted by words, so a one-page file does not count as much as a manual.
  console.log(`files: ${corpus.length}, pages: ${pages}, words: ${fidelityWords}`);
  console.log(`word sequence similarity vs pdftotext: ${(sequenceWeighted / fidelityWords).toFixed(2)}`);
  console.log(`ingest pages/s: ${Math.round(pages / seconds)}`);
  console.log(`fidelity vs pdftotext: ${(fidelityWeighted / fidelityWords).toFixed(2)}`);
}

await main();
