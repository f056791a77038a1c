import { replaceCodePoint } from "entities/decode";

/**
 * Bytes → text for everything that is not PDF or DOCX, in the order the WHATWG encoding
 * standard and the HTML spec use (https://html.spec.whatwg.org/multipage/parsing.html#encoding-sniffing-algorithm):
 * a byte order mark wins, then a declared charset (HTTP `charset=`, `<meta charset>`,
 * `<?xml encoding?>`), then detection among the encodings people really save text in.
 * All decoding is Node's `TextDecoder` (WHATWG labels: "latin1" and "iso-8859-1" mean windows-1252).
 */

export type EncodingSource = "bom" | "declared" | "detected";
export type DecodedText = { text: string; encoding: string; source: EncodingSource };

/** How much of the start of a file is searched for a declaration (the HTML spec's prescan uses 1024). */
const PRESCAN_BYTES = 1024;
/** Enough text to judge an encoding without scanning a 20 MB file for it. */
const SAMPLE_BYTES = 64 * 1024;

function decode(encoding: string, bytes: Uint8Array, fatal: boolean): string | undefined {
  try {
    const text = new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
    // Node 20's "windows-1252" decoder is really ISO-8859-1 (nodejs/node#56542): 0x80–0x9F come
    // out as C1 controls. Map them as the WHATWG table does (0x92 → ’, 0x80 → €), using the
    // same table `entities` applies to numeric references such as &#146;.
    return encoding === "windows-1252" ? text.replace(/[\u0080-\u009f]/g, (c) => String.fromCodePoint(replaceCodePoint(c.charCodeAt(0)))) : text;
  } catch {
    return undefined;
  }
}

/** A label `TextDecoder` knows, canonicalised ("latin1" → "windows-1252"); undefined otherwise. */
function canonicalEncoding(label: string): string | undefined {
  try {
    const name = new TextDecoder(label.trim().toLowerCase()).encoding;
    // A page cannot declare itself UTF-16 in ASCII bytes; the HTML spec reads that as UTF-8.
    return name.startsWith("utf-16") ? "utf-8" : name;
  } catch {
    return undefined;
  }
}

function fromBom(bytes: Uint8Array): DecodedText | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: decode("utf-8", bytes.subarray(3), false) ?? "", encoding: "utf-8", source: "bom" };
  if (a === 0xff && b === 0xfe) return { text: decode("utf-16le", bytes.subarray(2), false) ?? "", encoding: "utf-16le", source: "bom" };
  if (a === 0xfe && b === 0xff) return { text: decode("utf-16be", bytes.subarray(2), false) ?? "", encoding: "utf-16be", source: "bom" };
  return undefined;
}

/** The charset a file declares about itself in its first bytes, or its upload declared. */
export function declaredEncoding(bytes: Uint8Array, declaredMediaType?: string): string | undefined {
  const fromType = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(declaredMediaType ?? "")?.[1];
  const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, PRESCAN_BYTES));
  const label =
    fromType ??
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  return label === undefined ? undefined : canonicalEncoding(label);
}

/**
 * UTF-16 without a BOM: ASCII-range text has a NUL in every other byte, on the odd bytes for
 * little-endian and the even bytes for big-endian. Real UTF-8 or legacy text almost never does.
 */
function utf16Endianness(sample: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (sample.length < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "utf-16be";
  return undefined;
}

const KANA = /[\u3040-\u30ff]/g;
const HAN = /[\u4e00-\u9fff]/g;
const HALFWIDTH_KANA = /[\uff61-\uff9f]/g;
const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

/**
 * Non-UTF-8 bytes: a Latin text has isolated high bytes between ASCII letters; Chinese and
 * Japanese texts are runs of byte pairs. Among the double-byte readings, Japanese shows kana
 * and Chinese read as Shift_JIS shows half-width katakana noise, which decides between them.
 */
function detectLegacy(bytes: Uint8Array): DecodedText {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let high = 0;
  let adjacent = 0;
  for (let i = 0; i < sample.length; i++) {
    if ((sample[i] ?? 0) < 0x80) continue;
    high++;
    if ((sample[i - 1] ?? 0) >= 0x80 || (sample[i + 1] ?? 0) >= 0x80) adjacent++;
  }
  if (high > 0 && adjacent / high > 0.5) {
    const scored = ["shift_jis", "gb18030"]
      .map((encoding) => {
        const text = decode(encoding, sample, true);
        if (text === undefined) return undefined;
        const score = count(text, KANA) * 2 + count(text, HAN) - count(text, HALFWIDTH_KANA) * 2 - count(text, /\ufffd/g) * 4;
        return { encoding, score };
      })
      .filter((candidate) => candidate !== undefined)
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best && best.score > 0) return { text: decode(best.encoding, bytes, false) ?? "", encoding: best.encoding, source: "detected" };
  }
  return { text: decode("windows-1252", bytes, false) ?? "", encoding: "windows-1252", source: "detected" };
}

/**
 * Decodes text bytes; never throws. Whether the result is readable text at all is judged by
 * the caller (`isMostlyBinary`), because a PNG "decodes" as windows-1252 too.
 */
export function decodeText(bytes: Uint8Array, declaredMediaType?: string): DecodedText {
  const bom = fromBom(bytes);
  if (bom) return bom;
  const declared = declaredEncoding(bytes, declaredMediaType);
  if (declared !== undefined) {
    const text = decode(declared, bytes, false);
    if (text !== undefined) return { text, encoding: declared, source: "declared" };
  }
  const utf16 = utf16Endianness(bytes.subarray(0, SAMPLE_BYTES));
  if (utf16) return { text: decode(utf16, bytes, false) ?? "", encoding: utf16, source: "detected" };
  const utf8 = decode("utf-8", bytes, true);
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", source: "detected" };
  return detectLegacy(bytes);
}

/** C0 controls other than tab, line feed, form feed and carriage return, plus DEL. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/**
 * A file is text when control characters and undecodable bytes are rare: one stray NUL in a
 * log is noise to remove, a file where one character in ten is a control character is data.
 */
export function isMostlyBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_BYTES);
  if (sample.length === 0) return false;
  const noise = count(sample, CONTROL_CHARACTERS) + count(sample, /\ufffd/g);
  return noise / sample.length > 0.05;
}
