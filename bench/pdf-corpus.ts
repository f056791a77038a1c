/**
 * The PDF corpus of `npm run bench:ingest`, made on this machine, never downloaded: the licence
 * texts in /usr/share/common-licenses typeset by groff (`-ms`, one and two columns, with its own
 * hyphenation; needs the `groff` apt package for `-Tpdf`), the same texts drawn row by row
 * across two columns with pdf-lib (the order that defeats naive extraction), and every PDF
 * shipped in /usr/share/doc. A typeset file keeps its source text: the words a reader must get
 * back, in order, whatever any extractor says.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";

/** `source`: the text the PDF was typeset from (typeset files only). */
export type CorpusFile = { path: string; source?: string };

const LICENCES = "/usr/share/common-licenses";
const LICENCE_NAMES = ["GPL-3", "Apache-2.0", "MPL-2.0", "GFDL-1.3", "LGPL-2.1"];

export function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** groff reads a leading "." or "'" as a request; escape them so the licence prints as text. */
const asGroffText = (text: string): string => text.replace(/^([.'])/gm, "\\&$1");

function groffPdf(dir: string, name: string, text: string, columns: 1 | 2): string {
  const file = join(dir, `${name}-${columns}col-groff.pdf`);
  const source = `${columns === 2 ? ".2C\n" : ""}.LP\n${asGroffText(text)}`;
  writeFileSync(file, execFileSync("groff", ["-ms", "-Tpdf"], { input: source, maxBuffer: 64 * 1024 * 1024, stdio: ["pipe", "pipe", "ignore"] }));
  return file;
}

/** Two columns of wrapped text drawn one row at a time straight across the page. */
export async function rowWisePdf(dir: string, name: string, text: string): Promise<string> {
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
  const file = join(dir, `${name}-rowwise.pdf`);
  writeFileSync(file, await pdf.save());
  return file;
}

function shippedPdfs(dir: string, found: string[] = []): string[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) shippedPdfs(path, found);
    else if (stat?.isFile() && entry.toLowerCase().endsWith(".pdf")) found.push(path);
  }
  return found;
}

/** Makes the typeset files in `dir` and lists them with the shipped PDFs. */
export async function makeCorpus(dir: string): Promise<CorpusFile[]> {
  const corpus: CorpusFile[] = [];
  const groff = has("sh", ["-c", "printf '.LP\\nx\\n' | groff -ms -Tpdf > /dev/null"]);
  if (!groff) console.log("(groff -Tpdf unavailable: apt-get install -y groff for the typeset part of the corpus)");
  for (const name of LICENCE_NAMES.filter((licence) => existsSync(join(LICENCES, licence)))) {
    const source = readFileSync(join(LICENCES, name), "utf8");
    if (groff) corpus.push({ path: groffPdf(dir, name, source, 1), source }, { path: groffPdf(dir, name, source, 2), source });
    corpus.push({ path: await rowWisePdf(dir, name, source), source });
  }
  corpus.push(...shippedPdfs("/usr/share/doc").map((path) => ({ path })));
  return corpus;
}
