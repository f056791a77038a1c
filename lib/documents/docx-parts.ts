import { unzipSync } from "fflate";
import { Parser } from "htmlparser2";

/**
 * The parts of a .docx that mammoth's document model does not carry (checked against mammoth
 * 1.13: no headers or footers, and list levels without their number format): read here from
 * the WordprocessingML XML (ECMA-376 Part 1, §17.9 numbering, §17.10 headers and footers).
 */
export type DocxParts = {
  /** Label a reader sees before each numbered paragraph of the body, in document order ("1.", "1.1", "(a)", "•"). */
  listLabels: string[];
  headers: string[];
  footers: string[];
  title: string | undefined;
};

type Level = { start: number; format: string; text: string };
type NumberingDefinitions = { levelsOf: (numId: string) => Map<number, Level> | undefined };

function forEachElement(xml: string, handlers: { open?: (name: string, attributes: Record<string, string>) => void; text?: (text: string) => void; close?: (name: string) => void }): void {
  const parser = new Parser({ onopentag: handlers.open, ontext: handlers.text, onclosetag: handlers.close }, { xmlMode: true, decodeEntities: true });
  parser.write(xml);
  parser.end();
}

function readNumbering(xml: string | undefined): NumberingDefinitions {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstractId: string; startOverrides: Map<number, number> }>();
  if (xml !== undefined) {
    let abstract: Map<number, Level> | undefined;
    let level: Level | undefined;
    let num: { abstractId: string; startOverrides: Map<number, number> } | undefined;
    let overrideLevel: number | undefined;
    forEachElement(xml, {
      open(name, a) {
        if (name === "w:abstractNum") {
          abstract = new Map();
          abstracts.set(a["w:abstractNumId"] ?? "", abstract);
        } else if (name === "w:lvl" && abstract) {
          level = { start: 1, format: "decimal", text: `%${Number(a["w:ilvl"] ?? 0) + 1}.` };
          abstract.set(Number(a["w:ilvl"] ?? 0), level);
        } else if (name === "w:start" && level) level.start = Number(a["w:val"] ?? 1);
        else if (name === "w:numFmt" && level) level.format = a["w:val"] ?? "decimal";
        else if (name === "w:lvlText" && level) level.text = a["w:val"] ?? "";
        else if (name === "w:num") {
          num = { abstractId: "", startOverrides: new Map() };
          nums.set(a["w:numId"] ?? "", num);
        } else if (name === "w:abstractNumId" && num) num.abstractId = a["w:val"] ?? "";
        else if (name === "w:lvlOverride") overrideLevel = Number(a["w:ilvl"] ?? 0);
        else if (name === "w:startOverride" && num && overrideLevel !== undefined) num.startOverrides.set(overrideLevel, Number(a["w:val"] ?? 1));
      },
      close(name) {
        if (name === "w:abstractNum") abstract = undefined;
        else if (name === "w:lvl") level = undefined;
        else if (name === "w:num") num = undefined;
      },
    });
  }
  return {
    levelsOf(numId) {
      const instance = nums.get(numId);
      const levels = instance && abstracts.get(instance.abstractId);
      if (!instance || !levels) return undefined;
      if (instance.startOverrides.size === 0) return levels;
      const overridden = new Map(levels);
      for (const [ilvl, start] of instance.startOverrides) {
        const base = levels.get(ilvl);
        if (base) overridden.set(ilvl, { ...base, start });
      }
      return overridden;
    },
  };
}

export function toRoman(n: number): string {
  const table: [number, string][] = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let rest = n;
  let out = "";
  for (const [value, digits] of table) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

function toLetters(n: number): string {
  // Word repeats the letter past z: 27 → "aa", 28 → "bb".
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** ECMA-376 §17.18.59 ST_NumberFormat, the formats documents really use; others read as decimal. */
function formatNumber(n: number, format: string): string {
  switch (format) {
    case "lowerLetter":
      return toLetters(n);
    case "upperLetter":
      return toLetters(n).toUpperCase();
    case "lowerRoman":
      return toRoman(n);
    case "upperRoman":
      return toRoman(n).toUpperCase();
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "none":
      return "";
    default:
      return String(n);
  }
}

/**
 * Numbers the body's list paragraphs as Word does: one counter per list instance and level,
 * deeper levels restart when a shallower one advances, and `lvlText` ("%1.%2") composes them.
 */
function listLabels(documentXml: string, stylesXml: string | undefined, numbering: NumberingDefinitions): string[] {
  const styleNumbering = new Map<string, { numId: string; ilvl: number }>();
  if (stylesXml !== undefined) {
    let styleId: string | undefined;
    forEachElement(stylesXml, {
      open(name, a) {
        if (name === "w:style") styleId = a["w:styleId"];
        else if (name === "w:numId" && styleId !== undefined) styleNumbering.set(styleId, { numId: a["w:val"] ?? "", ilvl: styleNumbering.get(styleId)?.ilvl ?? 0 });
        else if (name === "w:ilvl" && styleId !== undefined) styleNumbering.set(styleId, { numId: styleNumbering.get(styleId)?.numId ?? "", ilvl: Number(a["w:val"] ?? 0) });
      },
    });
  }
  const counters = new Map<string, number[]>();
  const labels: string[] = [];
  let paragraph: { style?: string; numId?: string; ilvl?: number } | undefined;
  let inPPr = false;
  forEachElement(documentXml, {
    open(name, a) {
      if (name === "w:p") paragraph = {};
      else if (name === "w:pPr") inPPr = true;
      else if (inPPr && paragraph && name === "w:pStyle") paragraph.style = a["w:val"];
      else if (inPPr && paragraph && name === "w:numId") paragraph.numId = a["w:val"];
      else if (inPPr && paragraph && name === "w:ilvl") paragraph.ilvl = Number(a["w:val"] ?? 0);
    },
    close(name) {
      if (name === "w:pPr") inPPr = false;
      if (name !== "w:p" || !paragraph) return;
      const fromStyle = paragraph.style === undefined ? undefined : styleNumbering.get(paragraph.style);
      const numId = paragraph.numId ?? fromStyle?.numId;
      const ilvl = paragraph.ilvl ?? fromStyle?.ilvl ?? 0;
      paragraph = undefined;
      if (numId === undefined || numId === "0") return;
      const levels = numbering.levelsOf(numId);
      if (!levels) return;
      const counts = counters.get(numId) ?? [];
      counters.set(numId, counts);
      counts[ilvl] = (counts[ilvl] ?? (levels.get(ilvl)?.start ?? 1) - 1) + 1;
      counts.length = ilvl + 1; // deeper levels restart
      const level = levels.get(ilvl);
      if (!level) return;
      if (level.format === "bullet") {
        labels.push("•");
        return;
      }
      labels.push(
        level.text.replace(/%(\d)/g, (_, digit: string) => {
          const at = Number(digit) - 1;
          return formatNumber(counts[at] ?? levels.get(at)?.start ?? 1, levels.get(at)?.format ?? "decimal");
        }),
      );
    },
  });
  return labels;
}

/** Text of a header or footer part: its paragraphs, without field codes (w:instrText, e.g. PAGE) or deleted text. */
function partText(xml: string): string {
  const paragraphs: string[] = [];
  let current = "";
  let skip = 0;
  let inText = false; // only w:t holds text; between elements the XML has indentation
  forEachElement(xml, {
    open(name) {
      if (name === "w:del" || name === "mc:Fallback") skip++;
      else if (name === "w:t") inText = true;
      else if (name === "w:tab" && skip === 0) current += "\t";
    },
    text(text) {
      if (skip === 0 && inText) current += text;
    },
    close(name) {
      if (name === "w:del" || name === "mc:Fallback") skip--;
      else if (name === "w:t") inText = false;
      else if (name === "w:p") {
        if (current.trim() !== "") paragraphs.push(current.trim());
        current = "";
      }
    },
  });
  return paragraphs.join("\n");
}

const partNumber = (name: string): number => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);

/** Reads numbering, headers, footers and the core title; call only after the zip-bomb guard. */
export function readDocxParts(bytes: Uint8Array): DocxParts {
  const wanted = (name: string) =>
    name === "word/document.xml" || name === "word/numbering.xml" || name === "word/styles.xml" || name === "docProps/core.xml" || /^word\/(?:header|footer)\d*\.xml$/.test(name);
  const files = unzipSync(bytes, { filter: (file) => wanted(file.name) });
  const utf8 = new TextDecoder();
  const read = (name: string) => (files[name] ? utf8.decode(files[name]) : undefined);
  const parts = (kind: "header" | "footer") => {
    const names = Object.keys(files)
      .filter((name) => name.startsWith(`word/${kind}`))
      .sort((a, b) => partNumber(a) - partNumber(b));
    // Word stores first-page, even and odd variants; a reader sees the same text once.
    return [...new Set(names.map((name) => partText(read(name) ?? "")).filter((text) => text !== ""))];
  };
  const documentXml = read("word/document.xml") ?? "";
  const core = read("docProps/core.xml");
  let title: string | undefined;
  if (core !== undefined) {
    let inTitle = false;
    forEachElement(core, {
      open: (name) => (inTitle = name === "dc:title"),
      text: (text) => (title = inTitle ? (title ?? "") + text : title),
      close: () => (inTitle = false),
    });
  }
  return {
    listLabels: listLabels(documentXml, read("word/styles.xml"), readNumbering(read("word/numbering.xml"))),
    headers: parts("header"),
    footers: parts("footer"),
    title: title?.trim() || undefined,
  };
}
